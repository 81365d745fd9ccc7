using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Branches;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Members;
using Liyaqa.Domain.Tenants;
using Liyaqa.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class ClassTypeConfiguration : IEntityTypeConfiguration<ClassType>
{
    public void Configure(EntityTypeBuilder<ClassType> builder)
    {
        builder.ToTable("class_types");
        builder.HasKey(t => new { t.TenantId, t.Id });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.NameEn).HasMaxLength(100);
        builder.Property(t => t.NameAr).HasMaxLength(100);
        builder.Property(t => t.Description).HasMaxLength(1000);
        builder.Property(t => t.Color).HasMaxLength(7);
        builder.Property(t => t.Level).HasMaxLength(40);
        builder.Ignore(t => t.AuditEvents);
    }
}

internal sealed class ClassSessionConfiguration : IEntityTypeConfiguration<ClassSession>
{
    public void Configure(EntityTypeBuilder<ClassSession> builder)
    {
        builder.ToTable("class_sessions");
        builder.HasKey(s => new { s.TenantId, s.Id });
        builder.HasOne<ClassType>().WithMany().HasForeignKey(s => new { s.TenantId, s.ClassTypeId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.TenantId, s.StartsAt });
        builder.HasIndex(s => new { s.TenantId, s.SeriesId });
        builder.HasOne<Room>().WithMany().HasForeignKey(s => new { s.TenantId, s.RoomId }).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property<uint>("Version").IsRowVersion();
        builder.Ignore(s => s.IsCancelled);
        builder.Ignore(s => s.AuditEvents);
    }
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> builder)
    {
        builder.ToTable("rooms");
        builder.HasKey(r => new { r.TenantId, r.Id });
        builder.HasOne<Branch>().WithMany().HasForeignKey(r => new { r.TenantId, r.BranchId }).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.NameEn).HasMaxLength(Room.MaxNameLength);
        builder.Property(r => r.NameAr).HasMaxLength(Room.MaxNameLength);
        // A room's names are unique in its branch whatever their case: the database guarantees it under concurrency.
        builder.Property<string>("NameEnKey").HasMaxLength(Room.MaxNameLength).HasComputedColumnSql("lower(name_en)", stored: true);
        builder.Property<string>("NameArKey").HasMaxLength(Room.MaxNameLength).HasComputedColumnSql("lower(name_ar)", stored: true);
        builder.HasIndex("TenantId", "BranchId", "NameEnKey").IsUnique();
        builder.HasIndex("TenantId", "BranchId", "NameArKey").IsUnique();
        builder.Ignore(r => r.AuditEvents);
    }
}

internal sealed class TrainerProfileConfiguration : IEntityTypeConfiguration<TrainerProfile>
{
    public void Configure(EntityTypeBuilder<TrainerProfile> builder)
    {
        builder.ToTable("trainer_profiles");
        builder.HasKey(p => new { p.TenantId, p.Id });
        builder.HasOne<User>().WithOne().HasForeignKey<TrainerProfile>(p => new { p.TenantId, p.Id }).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.DisplayNameEn).HasMaxLength(TrainerProfile.MaxNameLength);
        builder.Property(p => p.DisplayNameAr).HasMaxLength(TrainerProfile.MaxNameLength);
        builder.Property(p => p.BioEn).HasMaxLength(TrainerProfile.MaxBioLength);
        builder.Property(p => p.BioAr).HasMaxLength(TrainerProfile.MaxBioLength);
        builder.Property(p => p.PhotoUrl).HasMaxLength(TrainerProfile.MaxPhotoUrlLength);
        builder.Ignore(p => p.UserId);
        builder.Ignore(p => p.AuditEvents);
    }
}

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

internal sealed class ClassSeriesConfiguration : IEntityTypeConfiguration<ClassSeries>
{
    public void Configure(EntityTypeBuilder<ClassSeries> builder)
    {
        builder.ToTable("class_series");
        builder.HasKey(s => new { s.TenantId, s.Id });
        builder.HasOne<ClassType>().WithMany().HasForeignKey(s => new { s.TenantId, s.ClassTypeId }).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Rule).IsJson();
        builder.Ignore(s => s.AuditEvents);
    }
}

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
