using Liyaqa.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

/// <summary>The file shares its import's row (table splitting), so it is read only where a query includes it.</summary>
internal sealed class MemberImportFileConfiguration : IEntityTypeConfiguration<MemberImportFile>
{
    public void Configure(EntityTypeBuilder<MemberImportFile> builder)
    {
        builder.ToTable("member_imports");
        builder.HasKey(f => new { f.TenantId, f.Id });
    }
}
