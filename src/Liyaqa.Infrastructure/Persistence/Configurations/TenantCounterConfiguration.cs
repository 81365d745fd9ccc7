using Liyaqa.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class TenantCounterConfiguration : IEntityTypeConfiguration<TenantCounter>
{
    public void Configure(EntityTypeBuilder<TenantCounter> builder)
    {
        builder.ToTable("tenant_counters");
        builder.HasKey(c => new { c.TenantId, c.Name });
        builder.Property(c => c.Name).HasMaxLength(40);
    }
}
