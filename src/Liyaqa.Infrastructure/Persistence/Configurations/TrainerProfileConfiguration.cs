using Liyaqa.Domain.Branches;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Tenants;
using Liyaqa.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

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
