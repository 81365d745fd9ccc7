using Liyaqa.Domain.Notifications;
using Liyaqa.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notification_queue");
        builder.HasKey(n => new { n.TenantId, n.Id });
        builder.HasIndex(n => new { n.TenantId, n.MessageId }).IsUnique();
        builder.HasIndex(n => new { n.TenantId, n.Status, n.NextAttemptAt });
        // The dispatcher's across-club reads: the due messages in order, and the queue's depth per status.
        builder.HasIndex(n => new { n.Status, n.NextAttemptAt });
        // Stored as the runbook queries them: status = 'PENDING', channel = 'email'.
        builder.Property(n => n.Status).HasConversion(s => s.ToString().ToUpperInvariant(), s => Enum.Parse<NotificationStatus>(s, true)).HasMaxLength(16);
        builder.Property(n => n.Channel).HasConversion(c => c.ToString().ToLowerInvariant(), c => Enum.Parse<NotificationChannel>(c, true)).HasMaxLength(8);
        builder.Property(n => n.TemplateKey).HasMaxLength(64);
        builder.Property(n => n.Language).HasMaxLength(8);
        builder.Property(n => n.Recipient).HasMaxLength(254);
        builder.Property(n => n.Subject).HasMaxLength(500);
        builder.Property(n => n.MessageId).HasMaxLength(100);
        builder.Property<uint>("Version").IsRowVersion();
        builder.Ignore(n => n.AuditEvents);
    }
}
