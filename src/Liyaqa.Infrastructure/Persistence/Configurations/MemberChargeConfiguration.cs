using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Members;
using Liyaqa.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class MemberChargeConfiguration : IEntityTypeConfiguration<MemberCharge>
{
    public void Configure(EntityTypeBuilder<MemberCharge> builder)
    {
        builder.ToTable("member_charges");
        builder.HasKey(c => new { c.TenantId, c.Id });
        builder.HasOne<Member>().WithMany().HasForeignKey(c => new { c.TenantId, c.MemberId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Booking>().WithMany().HasForeignKey(c => new { c.TenantId, c.BookingId }).OnDelete(DeleteBehavior.Restrict);
        // A booking is charged once for each reason, however often a job or a correction runs.
        builder.HasIndex(c => new { c.TenantId, c.BookingId, c.Reason }).IsUnique();
        builder.HasIndex(c => new { c.TenantId, c.MemberId, c.CreatedAt });
        builder.HasIndex(c => new { c.TenantId, c.Status, c.CreatedAt });
        builder.Property(c => c.Reason).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(c => c.WaiveReason).HasMaxLength(300);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(c => new { c.TenantId, c.InvoiceId }).OnDelete(DeleteBehavior.Restrict);
        builder.ComplexProperty(c => c.Amount, amount =>
        {
            amount.Property(a => a.Net).HasColumnName("amount_net").HasPrecision(12, 2);
            amount.Property(a => a.Vat).HasColumnName("amount_vat").HasPrecision(12, 2);
            amount.Property(a => a.Total).HasColumnName("amount_total").HasPrecision(12, 2);
        });
        builder.Ignore(c => c.AuditEvents);
    }
}
