using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.ToTable("invoices");
        builder.HasKey(i => new { i.TenantId, i.Id });
        builder.HasOne<Member>().WithMany().HasForeignKey(i => new { i.TenantId, i.MemberId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(i => new { i.TenantId, i.ReferencedInvoiceId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Lines).WithOne().HasForeignKey(l => new { l.TenantId, l.InvoiceId }).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        // Numbers are unique per club; the counter row makes them gap-free, the index makes a duplicate impossible.
        builder.HasIndex(i => new { i.TenantId, i.Number }).IsUnique().HasFilter("number IS NOT NULL");
        builder.HasIndex(i => new { i.TenantId, i.MemberId, i.CreatedAt });
        builder.HasIndex(i => new { i.TenantId, i.Status, i.IssuedAt });
        builder.HasIndex(i => new { i.TenantId, i.ReferencedInvoiceId });
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(12);
        builder.Property(i => i.Type).HasConversion<string>().HasMaxLength(12);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Number).HasMaxLength(24);
        builder.Property(i => i.Reason).HasMaxLength(Invoice.MaxReasonLength);
        builder.Property(i => i.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(i => i.Seller).IsJson();
        builder.Property(i => i.Buyer).IsJson();
        foreach (var amount in new[] { nameof(Invoice.NetTotal), nameof(Invoice.VatTotal), nameof(Invoice.Total), nameof(Invoice.PaidAmount), nameof(Invoice.CreditedAmount) })
        {
            builder.Property(amount).HasPrecision(12, 2);
        }

        builder.Property<uint>("Version").IsRowVersion();
        builder.Ignore(i => i.Outstanding);
        builder.Ignore(i => i.IsDraft);
        builder.Ignore(i => i.Totals);
        builder.Ignore(i => i.AuditEvents);
    }
}
