using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Branches;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class DrawerCloseConfiguration : IEntityTypeConfiguration<DrawerClose>
{
    public void Configure(EntityTypeBuilder<DrawerClose> builder)
    {
        builder.ToTable("drawer_closes");
        builder.HasKey(c => new { c.TenantId, c.Id });
        builder.HasOne<Branch>().WithMany().HasForeignKey(c => new { c.TenantId, c.BranchId }).OnDelete(DeleteBehavior.Restrict);
        // One close per branch and day, whichever replica takes it.
        builder.HasIndex(c => new { c.TenantId, c.BranchId, c.Day }).IsUnique();
        builder.Property(c => c.ExpectedCash).HasPrecision(12, 2);
        builder.Property(c => c.CountedCash).HasPrecision(12, 2);
        builder.Property(c => c.Difference).HasPrecision(12, 2);
        builder.Property(c => c.TakingsByMethod).IsJson();
        builder.Property(c => c.Note).HasMaxLength(DrawerClose.MaxNoteLength);
        builder.Ignore(c => c.AuditEvents);
    }
}
