using Liyaqa.Domain.CheckIns;
using Liyaqa.Domain.Members;
using Liyaqa.Domain.Memberships;
using Liyaqa.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.ToTable("members");
        builder.HasKey(m => new { m.TenantId, m.Id });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.TenantId, m.Number }).IsUnique();
        builder.HasIndex(m => new { m.TenantId, m.Email }).IsUnique().HasFilter("email IS NOT NULL");
        builder.HasIndex(m => new { m.TenantId, m.Phone }).IsUnique().HasFilter("phone IS NOT NULL");
        builder.HasIndex(m => new { m.TenantId, m.Status });
        // The list's default order: a search for a common name walks this index and stops after a page.
        builder.HasIndex(m => new { m.TenantId, m.FirstNameEn, m.LastNameEn, m.FirstNameAr, m.Number }).HasFilter("archived_at IS NULL").HasDatabaseName("ix_members_list_order");
        // Any-part matching of names, email, phone and number: LIKE '%…%' served by trigrams.
        builder.HasIndex(m => m.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Gender).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.FirstNameEn).HasMaxLength(Member.MaxNameLength);
        builder.Property(m => m.LastNameEn).HasMaxLength(Member.MaxNameLength);
        builder.Property(m => m.FirstNameAr).HasMaxLength(Member.MaxNameLength);
        builder.Property(m => m.LastNameAr).HasMaxLength(Member.MaxNameLength);
        builder.Property(m => m.Email).HasMaxLength(254);
        builder.Property(m => m.Phone).HasMaxLength(16);
        builder.Property(m => m.NationalId).HasMaxLength(20);
        builder.Property(m => m.EmergencyContactName).HasMaxLength(200);
        builder.Property(m => m.EmergencyContactPhone).HasMaxLength(16);
        builder.Property(m => m.Notes).HasMaxLength(Member.MaxNotesLength);
        builder.Property(m => m.Language).HasMaxLength(8);
        builder.Property(m => m.LeadSource).HasMaxLength(100);
        builder.Property(m => m.SearchText).HasMaxLength(1000);
        builder.Property(m => m.CalendarTokenHash).HasMaxLength(64);
        builder.HasIndex(m => new { m.TenantId, m.CalendarTokenHash }).IsUnique().HasFilter("calendar_token_hash IS NOT NULL");
        builder.Property<uint>("Version").IsRowVersion();
        builder.Ignore(m => m.DisplayNumber);
        builder.Ignore(m => m.FullNameEn);
        builder.Ignore(m => m.FullNameAr);
        builder.Ignore(m => m.MaskedNationalId);
        builder.Ignore(m => m.IsArchived);
        builder.Ignore(m => m.AuditEvents);
    }
}

internal sealed class MembershipPlanConfiguration : IEntityTypeConfiguration<MembershipPlan>
{
    public void Configure(EntityTypeBuilder<MembershipPlan> builder)
    {
        builder.ToTable("membership_plans");
        builder.HasKey(p => new { p.TenantId, p.Id });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.NameEn).HasMaxLength(100);
        builder.Property(p => p.NameAr).HasMaxLength(100);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(p => p.DurationUnit).HasConversion<string>().HasMaxLength(8);
        builder.Property(p => p.Price).HasPrecision(12, 2);
        builder.Property(p => p.JoiningFee).HasPrecision(12, 2);
        builder.Property(p => p.Terms).IsJson();
        builder.Ignore(p => p.AuditEvents);
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("subscriptions");
        builder.HasKey(s => new { s.TenantId, s.Id });
        builder.HasOne<Member>().WithMany().HasForeignKey(s => new { s.TenantId, s.MemberId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.TenantId, s.MemberId });
        builder.HasIndex(s => new { s.TenantId, s.EndDate });
        builder.Property(s => s.PlanNameEn).HasMaxLength(100);
        builder.Property(s => s.PlanNameAr).HasMaxLength(100);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(s => s.Terms).IsJson();
        builder.ComplexProperty(s => s.Charge, charge =>
        {
            charge.Property(c => c.Net).HasColumnName("charge_net").HasPrecision(12, 2);
            charge.Property(c => c.Vat).HasColumnName("charge_vat").HasPrecision(12, 2);
            charge.Property(c => c.Total).HasColumnName("charge_total").HasPrecision(12, 2);
        });
        builder.Property(s => s.Discount).HasPrecision(12, 2);
        builder.Property(s => s.PeriodPrice).HasPrecision(12, 2);
        builder.Property<List<Freeze>>("_freezes").HasColumnName("freezes").IsJson();
        builder.Ignore(s => s.Freezes);
        builder.Ignore(s => s.IsTrial);
        builder.Ignore(s => s.IsCancelled);
        builder.Property<uint>("Version").IsRowVersion();
        builder.Ignore(s => s.AuditEvents);
    }
}

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> builder)
    {
        builder.ToTable("check_ins");
        builder.HasKey(c => new { c.TenantId, c.Id });
        builder.HasOne<Member>().WithMany().HasForeignKey(c => new { c.TenantId, c.MemberId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.TenantId, c.MemberId, c.At });
        builder.HasIndex(c => new { c.TenantId, c.BranchId, c.At });
        builder.Property(c => c.Method).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.DenyReason).HasMaxLength(40);
        builder.Ignore(c => c.AuditEvents);
    }
}

internal sealed class MemberImportConfiguration : IEntityTypeConfiguration<MemberImport>
{
    public void Configure(EntityTypeBuilder<MemberImport> builder)
    {
        builder.ToTable("member_imports");
        builder.HasKey(i => new { i.TenantId, i.Id });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.FileName).HasMaxLength(200);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Mapping).IsJson();
        builder.Property(i => i.Errors).IsJson();
        builder.Property(i => i.FailureReason).HasMaxLength(1000);
        builder.Ignore(i => i.AuditEvents);
    }
}
