using Liyaqa.Domain.Branches;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class BookingPolicyConfiguration : IEntityTypeConfiguration<BookingPolicy>
{
    public void Configure(EntityTypeBuilder<BookingPolicy> builder)
    {
        builder.ToTable("booking_policies");
        builder.HasKey(p => new { p.TenantId, p.Id });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
        // One policy per club.
        builder.HasIndex(p => p.TenantId).IsUnique();
        builder.Property(p => p.LateCancelPenalty).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.LateCancelFee).HasPrecision(12, 2);
        builder.Property(p => p.NoShowFee).HasPrecision(12, 2);
        builder.Ignore(p => p.Details);
        builder.Ignore(p => p.AuditEvents);
    }
}
