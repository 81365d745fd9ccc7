using Liyaqa.Domain.Branches;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Tenants;
using Liyaqa.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

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
