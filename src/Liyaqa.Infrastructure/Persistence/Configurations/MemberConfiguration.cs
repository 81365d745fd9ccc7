using Liyaqa.Domain.Members;
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
        // Any-part matching of names, email, phone and number: LIKE '%…%' served by trigrams, led by the club
        // (btree_gin), so a search reads only its own club's entries however large other clubs grow.
        builder.HasIndex(m => new { m.TenantId, m.SearchText }).HasMethod("gin").HasOperators("uuid_ops", "gin_trgm_ops").HasDatabaseName("ix_members_tenant_search_text");
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
