using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liyaqa.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// No schema change: an import's <c>content</c> column is now the model's <c>MemberImportFile</c>, sharing the
    /// import's row, so reading an import's status no longer reads its file.
    /// </summary>
    public partial class MemberImportFileSharesTheRow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
