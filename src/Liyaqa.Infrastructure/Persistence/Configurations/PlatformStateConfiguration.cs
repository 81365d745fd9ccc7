using Liyaqa.Domain.Platform;
using Liyaqa.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class PlatformStateConfiguration : IEntityTypeConfiguration<PlatformState>
{
    public void Configure(EntityTypeBuilder<PlatformState> builder)
    {
        builder.ToTable("platform_state");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
    }
}
