using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Branches;
using Liyaqa.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.HasKey(p => new { p.TenantId, p.Id });
        builder.HasOne<Member>().WithMany().HasForeignKey(p => new { p.TenantId, p.MemberId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Branch>().WithMany().HasForeignKey(p => new { p.TenantId, p.BranchId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(p => new { p.TenantId, p.CreditNoteId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.TenantId, p.Number }).IsUnique();
        builder.HasIndex(p => new { p.TenantId, p.MemberId, p.ReceivedAt });
        builder.HasIndex(p => new { p.TenantId, p.BranchId, p.ReceivedAt });
        builder.Property(p => p.Number).HasMaxLength(24);
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Amount).HasPrecision(12, 2);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(p => p.Reference).HasMaxLength(Payment.MaxReferenceLength);
        builder.OwnsMany(p => p.Allocations, allocation =>
        {
            allocation.ToTable("payment_allocations");
            allocation.WithOwner().HasForeignKey("TenantId", "PaymentId");
            allocation.HasKey("TenantId", "PaymentId", nameof(PaymentAllocation.InvoiceId));
            allocation.HasIndex("TenantId", nameof(PaymentAllocation.InvoiceId));
            allocation.HasOne<Invoice>().WithMany().HasForeignKey("TenantId", nameof(PaymentAllocation.InvoiceId)).OnDelete(DeleteBehavior.Restrict);
            allocation.Property(a => a.Amount).HasPrecision(12, 2);
        });
        builder.Navigation(p => p.Allocations).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(p => p.IsRefund);
        builder.Ignore(p => p.AuditEvents);
    }
}
