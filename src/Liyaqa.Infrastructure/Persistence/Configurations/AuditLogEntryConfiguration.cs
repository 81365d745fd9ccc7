using Liyaqa.Domain.Auditing;
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
