using Liyaqa.Domain.Members;
using Liyaqa.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class MemberImportConfiguration : IEntityTypeConfiguration<MemberImport>
{
    public void Configure(EntityTypeBuilder<MemberImport> builder)
    {
        builder.ToTable("member_imports");
        builder.HasKey(i => new { i.TenantId, i.Id });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.FileName).HasMaxLength(200);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Mapping).IsJson();
        builder.Property(i => i.Errors).IsJson();
        builder.Property(i => i.FailureReason).HasMaxLength(1000);
        builder.Ignore(i => i.AuditEvents);
        builder.HasOne(i => i.File).WithOne().HasForeignKey<MemberImportFile>(f => new { f.TenantId, f.Id });
    }
}
