using Liyaqa.Domain.Branches;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Tenants;
using Liyaqa.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

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
