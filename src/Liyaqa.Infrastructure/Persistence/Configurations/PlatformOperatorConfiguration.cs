using Liyaqa.Domain.Platform;
using Liyaqa.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class PlatformOperatorConfiguration : IEntityTypeConfiguration<PlatformOperator>
{
    public void Configure(EntityTypeBuilder<PlatformOperator> builder)
    {
        builder.ToTable("platform_operators");
        builder.HasKey(o => o.Id);
        builder.HasIndex(o => o.Email).IsUnique();
        builder.Property(o => o.Email).HasMaxLength(254);
        builder.Property(o => o.DisplayName).HasMaxLength(200);
        builder.Property(o => o.PasswordHash).HasColumnName("password").HasMaxLength(200);
        builder.Ignore(o => o.AuditEvents);
    }
}
