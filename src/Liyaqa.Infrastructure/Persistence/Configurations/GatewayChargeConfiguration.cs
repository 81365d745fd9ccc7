using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class GatewayChargeConfiguration : IEntityTypeConfiguration<GatewayCharge>
{
    public void Configure(EntityTypeBuilder<GatewayCharge> builder)
    {
        builder.ToTable("gateway_charges");
        builder.HasKey(c => new { c.TenantId, c.Id });
        builder.HasOne<Member>().WithMany().HasForeignKey(c => new { c.TenantId, c.MemberId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(c => new { c.TenantId, c.InvoiceId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Payment>().WithMany().HasForeignKey(c => new { c.TenantId, c.PaymentId }).OnDelete(DeleteBehavior.Restrict);
        // One charge per key: a retried request finds the first instead of charging again.
        builder.HasIndex(c => new { c.TenantId, c.IdempotencyKey }).IsUnique();
        builder.HasIndex(c => new { c.TenantId, c.CollectionId });
        builder.HasIndex(c => new { c.TenantId, c.Status, c.CreatedAt });
        builder.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Amount).HasPrecision(12, 2);
        builder.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(c => c.Provider).HasMaxLength(30);
        builder.Property(c => c.IdempotencyKey).HasMaxLength(GatewayCharge.MaxKeyLength);
        builder.Property(c => c.GatewayReference).HasMaxLength(100);
        builder.Property(c => c.DeclineCode).HasMaxLength(60);
        builder.Property(c => c.DeclineMessage).HasMaxLength(GatewayCharge.MaxDeclineLength);
        builder.Ignore(c => c.IsFinal);
        builder.Ignore(c => c.AuditEvents);
    }
}
