using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class PaymentCardConfiguration : IEntityTypeConfiguration<PaymentCard>
{
    public void Configure(EntityTypeBuilder<PaymentCard> builder)
    {
        builder.ToTable("payment_cards");
        builder.HasKey(c => new { c.TenantId, c.Id });
        builder.HasOne<Member>().WithMany().HasForeignKey(c => new { c.TenantId, c.MemberId }).OnDelete(DeleteBehavior.Cascade);
        // A member has one saved card; saving another replaces it.
        builder.HasIndex(c => new { c.TenantId, c.MemberId }).IsUnique();
        builder.Property(c => c.Provider).HasMaxLength(30);
        builder.Property(c => c.Token).HasMaxLength(PaymentCard.MaxTokenLength);
        builder.Property(c => c.Brand).HasMaxLength(20);
        builder.Property(c => c.Last4).HasMaxLength(4).IsFixedLength();
        builder.Ignore(c => c.AuditEvents);
    }
}
