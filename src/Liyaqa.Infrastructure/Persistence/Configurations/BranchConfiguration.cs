using Liyaqa.Domain.Branches;
using Liyaqa.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class BranchConfiguration : IEntityTypeConfiguration<Branch>
{
    public void Configure(EntityTypeBuilder<Branch> builder)
    {
        builder.ToTable("branches");
        builder.HasKey(b => new { b.TenantId, b.Id });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(b => b.NameEn).HasMaxLength(200);
        builder.Property(b => b.NameAr).HasMaxLength(200);
        builder.Property(b => b.TimeZone).HasMaxLength(64);
        builder.Property(b => b.Address).HasMaxLength(500);
        builder.Property(b => b.OpeningHours).IsJson();
        builder.Ignore(b => b.AuditEvents);
    }
}
