using System.Data.Common;
using Liyaqa.Domain.Auditing;
using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Branches;
using Liyaqa.Domain.CheckIns;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Idempotency;
using Liyaqa.Domain.Members;
using Liyaqa.Domain.Memberships;
using Liyaqa.Domain.Notifications;
using Liyaqa.Domain.Notifications.Templates;
using Liyaqa.Domain.Platform;
using Liyaqa.Domain.Tenancy;
using Liyaqa.Domain.Tenants;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Auditing;
using Liyaqa.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Infrastructure.Persistence;

/// <summary>
/// Liyaqa's unit of work on PostgreSQL. Tenant-owned entities are filtered by the current tenant and
/// stamped with it on insert; row-level security in the database enforces the same rule again.
/// Contexts are pooled: a scope takes one and names whom it acts for (<see cref="ActingFor"/>); one that
/// names no one acts for no club and sees no club's rows.
/// </summary>
public sealed class LiyaqaDbContext(DbContextOptions<LiyaqaDbContext> options) : DbContext(options)
{
    private ITenantContext? _tenant;

    /// <summary>The club this context acts for and, for the audit log, who acts; until it is returned to the pool.</summary>
    public LiyaqaDbContext ActingFor(ITenantContext tenant, IAuditActorAccessor? actors = null)
    {
        (_tenant, Actors) = (tenant, actors);
        return this;
    }

    /// <summary>Who the audit log names for this context's changes (the system when nobody is named).</summary>
    internal IAuditActorAccessor? Actors { get; private set; }

    /// <summary>
    /// A transaction begun but not yet told its tenant: its first statement carries the setting
    /// (<see cref="Tenancy.TenantTransactionInterceptor.TakeTenantSetting"/>).
    /// </summary>
    internal DbTransaction? TenantSettingPendingIn { get; set; }

    public override void Dispose()
    {
        (_tenant, Actors, TenantSettingPendingIn) = (null, null, null);
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        (_tenant, Actors, TenantSettingPendingIn) = (null, null, null);
        return base.DisposeAsync();
    }

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<Branch> Branches => Set<Branch>();

    public DbSet<User> Users => Set<User>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<PasswordResetToken> PasswordResetTokens => Set<PasswordResetToken>();

    public DbSet<Notification> NotificationQueue => Set<Notification>();

    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();

    public DbSet<Member> Members => Set<Member>();

    public DbSet<MembershipPlan> MembershipPlans => Set<MembershipPlan>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<CheckIn> CheckIns => Set<CheckIn>();

    public DbSet<MemberImport> MemberImports => Set<MemberImport>();

    public DbSet<ClassType> ClassTypes => Set<ClassType>();

    public DbSet<ClassSession> ClassSessions => Set<ClassSession>();

    public DbSet<ClassSeries> ClassSeries => Set<ClassSeries>();

    public DbSet<Room> Rooms => Set<Room>();

    public DbSet<TrainerProfile> TrainerProfiles => Set<TrainerProfile>();

    public DbSet<Booking> Bookings => Set<Booking>();

    public DbSet<BookingPolicy> BookingPolicies => Set<BookingPolicy>();

    public DbSet<MemberCharge> MemberCharges => Set<MemberCharge>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<DrawerClose> DrawerCloses => Set<DrawerClose>();

    public DbSet<TenantCounter> TenantCounters => Set<TenantCounter>();

    public DbSet<GatewayCharge> GatewayCharges => Set<GatewayCharge>();

    public DbSet<PaymentCard> PaymentCards => Set<PaymentCard>();

    public DbSet<PaymentCollection> PaymentCollections => Set<PaymentCollection>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<PlatformOperator> PlatformOperators => Set<PlatformOperator>();

    public DbSet<PlatformState> PlatformState => Set<PlatformState>();

    /// <summary>The tenant this context acts for; read by the query filters on every query.</summary>
    public Guid? CurrentTenantId => _tenant?.TenantId;

    /// <summary>The club this context acts for.</summary>
    public Task<Tenant> CurrentTenantAsync(CancellationToken ct) =>
        Tenants.AsNoTracking().SingleAsync(t => t.Id == CurrentTenantId, ct);

    /// <summary>
    /// The club's booking rules, or the defaults when it has not set its own (then untracked). Once loaded they are
    /// taken from the context, so the steps of one request or job read them once.
    /// </summary>
    public async Task<BookingPolicy> CurrentBookingPolicyAsync(CancellationToken ct) =>
        BookingPolicies.Local.SingleOrDefault() ?? await BookingPolicies.SingleOrDefaultAsync(ct) ?? BookingPolicy.Default();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Trigram indexes make "any part of a name" searches fast.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.HasPostgresExtension("btree_gin");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LiyaqaDbContext).Assembly);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes()
                     .Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType) && e.BaseType is null))
        {
            typeof(LiyaqaDbContext).GetMethod(nameof(FilterByTenant), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entityType.ClrType)
                .Invoke(this, [modelBuilder]);
        }
    }

    private void FilterByTenant<TEntity>(ModelBuilder modelBuilder) where TEntity : class, ITenantOwned =>
        modelBuilder.Entity<TEntity>().HasQueryFilter(e => e.TenantId == CurrentTenantId);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>New tenant-owned rows get the current tenant; a row of another tenant is refused.</summary>
    private void StampTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>().Where(e => e.State == EntityState.Added))
        {
            var tenantId = CurrentTenantId
                ?? throw new InvalidOperationException($"Cannot save a {entry.Metadata.ClrType.Name} without a current tenant.");
            // A tenant id left unset is a temporary value EF gave the key part it shares with the club's foreign key.
            var property = entry.Property(nameof(ITenantOwned.TenantId));
            if (!property.IsTemporary && property.CurrentValue is Guid existing && existing != Guid.Empty && existing != tenantId)
            {
                throw new InvalidOperationException($"Cannot save a {entry.Metadata.ClrType.Name} of another tenant.");
            }

            property.CurrentValue = tenantId;
            property.IsTemporary = false;
        }
    }
}
