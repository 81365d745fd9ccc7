using Liyaqa.Domain.Branches;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Tenants;
using Liyaqa.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class ClassSeriesConfiguration : IEntityTypeConfiguration<ClassSeries>
{
    public void Configure(EntityTypeBuilder<ClassSeries> builder)
    {
        builder.ToTable("class_series");
        builder.HasKey(s => new { s.TenantId, s.Id });
        builder.HasOne<ClassType>().WithMany().HasForeignKey(s => new { s.TenantId, s.ClassTypeId }).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Rule).IsJson();
        builder.Ignore(s => s.AuditEvents);
    }
}
