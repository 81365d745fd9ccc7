using Liyaqa.Domain.Auditing;
using Liyaqa.Domain.Platform;
using Liyaqa.Infrastructure.Auditing;
using Liyaqa.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class AuditLogEntryConfiguration : IEntityTypeConfiguration<AuditLogEntry>
{
    public void Configure(EntityTypeBuilder<AuditLogEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(a => new { a.TenantId, a.Id });
        builder.HasIndex(a => new { a.TenantId, a.CreatedAt });
        builder.HasIndex(a => new { a.TenantId, a.Action, a.CreatedAt });
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Email).HasMaxLength(254);
        builder.Property(a => a.EntityType).HasMaxLength(64);
        builder.Property(a => a.IpAddress).HasMaxLength(64);
        builder.Property(a => a.UserAgent).HasMaxLength(AuditLogEntry.MaxUserAgentLength);
        builder.Property(a => a.Details).HasColumnType("jsonb");
    }
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("signing_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(64);
    }
}

internal sealed class PlatformStateConfiguration : IEntityTypeConfiguration<PlatformState>
{
    public void Configure(EntityTypeBuilder<PlatformState> builder)
    {
        builder.ToTable("platform_state");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
    }
}

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
