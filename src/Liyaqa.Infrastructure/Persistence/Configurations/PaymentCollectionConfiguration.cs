using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Members;
using Liyaqa.Domain.Memberships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class PaymentCollectionConfiguration : IEntityTypeConfiguration<PaymentCollection>
{
    public void Configure(EntityTypeBuilder<PaymentCollection> builder)
    {
        builder.ToTable("payment_collections");
        builder.HasKey(c => new { c.TenantId, c.Id });
        builder.HasOne<Member>().WithMany().HasForeignKey(c => new { c.TenantId, c.MemberId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(c => new { c.TenantId, c.InvoiceId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Subscription>().WithMany().HasForeignKey(c => new { c.TenantId, c.SubscriptionId }).OnDelete(DeleteBehavior.Restrict);
        // An invoice is collected once.
        builder.HasIndex(c => new { c.TenantId, c.InvoiceId }).IsUnique();
        builder.HasIndex(c => new { c.TenantId, c.Status, c.NextAttemptOn });
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.LastFailure).HasMaxLength(PaymentCollection.MaxFailureLength);
        builder.Ignore(c => c.AuditEvents);
    }
}
