using Liyaqa.Domain.Notifications.Templates;
using Liyaqa.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.ToTable("message_templates");
        builder.HasKey(t => new { t.TenantId, t.Id });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.TenantId, t.Key, t.Language }).IsUnique();
        builder.Property(t => t.Key).HasMaxLength(64);
        builder.Property(t => t.Language).HasMaxLength(8);
        builder.Property(t => t.Subject).HasMaxLength(TemplateText.MaxSubjectLength);
        builder.Property(t => t.Body).HasMaxLength(TemplateText.MaxBodyLength);
        builder.Property(t => t.Sms).HasMaxLength(TemplateText.MaxSmsLength);
        builder.Ignore(t => t.Text);
        builder.Ignore(t => t.AuditEvents);
    }
}
