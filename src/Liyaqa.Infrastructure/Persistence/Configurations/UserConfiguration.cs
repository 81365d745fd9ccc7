using Liyaqa.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => new { u.TenantId, u.Id });
        builder.HasIndex(u => new { u.TenantId, u.Email }).IsUnique();
        builder.Property(u => u.Email).HasMaxLength(User.MaxEmailLength);
        builder.Property(u => u.DisplayName).HasMaxLength(User.MaxNameLength);
        // The runbook's reset SQL writes a bcrypt hash into users.password.
        builder.Property(u => u.PasswordHash).HasColumnName("password").HasMaxLength(200);
        builder.Property(u => u.Roles)
            .HasConversion(
                roles => roles.Select(r => r.ToString()).ToArray(),
                names => names.Select(Enum.Parse<Role>).ToList(),
                new ValueComparer<IReadOnlyList<Role>>((a, b) => a!.SequenceEqual(b!), r => r.Aggregate(0, (h, x) => HashCode.Combine(h, x)), r => r.ToList()))
            .HasColumnType("text[]");
        builder.Property<uint>("Version").IsRowVersion();
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(u => u.CanTeach);
        builder.Ignore(u => u.AuditEvents);
    }
}
