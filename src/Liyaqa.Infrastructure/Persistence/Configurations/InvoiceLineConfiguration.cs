using Liyaqa.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> builder)
    {
        builder.ToTable("invoice_lines");
        builder.HasKey(l => new { l.TenantId, l.InvoiceId, l.LineNumber });
        // What was billed: a subscription, or a fee line billed once.
        builder.HasIndex(l => new { l.TenantId, l.SubscriptionId }).HasFilter("subscription_id IS NOT NULL");
        builder.HasIndex(l => new { l.TenantId, l.ChargeId }).HasFilter("charge_id IS NOT NULL");
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Category).HasConversion<string>().HasMaxLength(1);
        builder.Property(l => l.DescriptionEn).HasMaxLength(InvoiceLine.MaxDescriptionLength);
        builder.Property(l => l.DescriptionAr).HasMaxLength(InvoiceLine.MaxDescriptionLength);
        builder.Property(l => l.ExemptionReason).HasMaxLength(InvoiceLine.MaxDescriptionLength);
        builder.Property(l => l.Quantity).HasPrecision(12, 3);
        builder.Property(l => l.VatRate).HasPrecision(5, 4);
        foreach (var amount in new[] { nameof(InvoiceLine.UnitPrice), nameof(InvoiceLine.Discount), nameof(InvoiceLine.NetAmount), nameof(InvoiceLine.VatAmount), nameof(InvoiceLine.GrossAmount) })
        {
            builder.Property(amount).HasPrecision(12, 2);
        }
    }
}
