using Liyaqa.Domain.Members;
using Liyaqa.Domain.Memberships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liyaqa.Infrastructure.Persistence.Configurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("subscriptions");
        builder.HasKey(s => new { s.TenantId, s.Id });
        builder.HasOne<Member>().WithMany().HasForeignKey(s => new { s.TenantId, s.MemberId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.TenantId, s.MemberId });
        builder.HasIndex(s => new { s.TenantId, s.EndDate });
        builder.Property(s => s.PlanNameEn).HasMaxLength(100);
        builder.Property(s => s.PlanNameAr).HasMaxLength(100);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(s => s.Terms).IsJson();
        builder.ComplexProperty(s => s.Charge, charge =>
        {
            charge.Property(c => c.Net).HasColumnName("charge_net").HasPrecision(12, 2);
            charge.Property(c => c.Vat).HasColumnName("charge_vat").HasPrecision(12, 2);
            charge.Property(c => c.Total).HasColumnName("charge_total").HasPrecision(12, 2);
        });
        builder.Property(s => s.Discount).HasPrecision(12, 2);
        builder.Property(s => s.PeriodPrice).HasPrecision(12, 2);
        builder.Property<List<Freeze>>("_freezes").HasColumnName("freezes").IsJson();
        builder.Ignore(s => s.Freezes);
        builder.Ignore(s => s.IsTrial);
        builder.Ignore(s => s.IsCancelled);
        builder.Property<uint>("Version").IsRowVersion();
        builder.Ignore(s => s.AuditEvents);
    }
}
