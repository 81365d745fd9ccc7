using Liyaqa.Domain.Branches;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Members;
using Liyaqa.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.ToTable("bookings");
        builder.HasKey(b => new { b.TenantId, b.Id });
        builder.HasOne<ClassSession>().WithMany().HasForeignKey(b => new { b.TenantId, b.SessionId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(b => new { b.TenantId, b.MemberId }).OnDelete(DeleteBehavior.Restrict);
        // One place (or waitlist place) per member per class; the session lock decides, the index guarantees.
        builder.HasIndex(b => new { b.TenantId, b.SessionId, b.MemberId }).IsUnique().HasFilter("status IN ('Booked', 'Waitlisted')");
        builder.HasIndex(b => new { b.TenantId, b.MemberId, b.Status });
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(b => b.IsActive);
        builder.Ignore(b => b.AuditEvents);
    }
}
