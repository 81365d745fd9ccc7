using Liyaqa.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("refresh_tokens");
        builder.HasKey(t => new { t.TenantId, t.Id });
        builder.HasIndex(t => new { t.TenantId, t.TokenHash }).IsUnique();
        builder.HasIndex(t => new { t.TenantId, t.FamilyId });
        builder.HasIndex(t => new { t.TenantId, t.UserId });
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsFixedLength();
        builder.Property<uint>("Version").IsRowVersion();
        builder.HasOne<User>().WithMany().HasForeignKey(t => new { t.TenantId, t.UserId }).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(t => t.AuditEvents);
    }
}
