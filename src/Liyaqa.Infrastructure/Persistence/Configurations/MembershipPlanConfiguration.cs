using Liyaqa.Domain.Members;
using Liyaqa.Domain.Memberships;
using Liyaqa.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class MembershipPlanConfiguration : IEntityTypeConfiguration<MembershipPlan>
{
    public void Configure(EntityTypeBuilder<MembershipPlan> builder)
    {
        builder.ToTable("membership_plans");
        builder.HasKey(p => new { p.TenantId, p.Id });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.NameEn).HasMaxLength(100);
        builder.Property(p => p.NameAr).HasMaxLength(100);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(p => p.DurationUnit).HasConversion<string>().HasMaxLength(8);
        builder.Property(p => p.Price).HasPrecision(12, 2);
        builder.Property(p => p.JoiningFee).HasPrecision(12, 2);
        builder.Property(p => p.Terms).IsJson();
        builder.Ignore(p => p.AuditEvents);
    }
}
