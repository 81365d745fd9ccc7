using System.Data.Common;
using Liyaqa.Domain.Branches;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Notifications.Templates;
using Liyaqa.Domain.Tenancy;
using Liyaqa.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Liyaqa.Infrastructure.Tenancy;

/// <summary>
/// Tells the <see cref="ClubSettingsCache"/> which clubs' settings a save changes: their settings are dropped when the
/// save runs (so the rest of the request reads what it wrote), and again, announced to every instance, when its
/// transaction commits; a rollback drops them once more, since the request may have read its own uncommitted change.
/// </summary>
public sealed class ClubSettingsInvalidation(ClubSettingsCache cache) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context, committed: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context, committed: false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData.Context, committed: false);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Ended(eventData.Context, committed: false);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData.Context, committed: false);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var changed = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => ClubOf(e.Entity))
            .OfType<Guid>()
            .ToHashSet();
        if (changed.Count > 0)
        {
            cache.Saving(context, changed);
        }
    }

    /// <summary>The club whose settings the entity is part of, if it is one of them.</summary>
    private static Guid? ClubOf(object entity) => entity switch
    {
        Tenant tenant => tenant.Id,
        BookingPolicy or Branch or ClassType or MessageTemplate => ((ITenantOwned)entity).TenantId,
        _ => null,
    };

    /// <summary>A save outside a transaction has committed by itself.</summary>
    private void Saved(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            cache.Ended(context, committed: true);
        }
    }

    /// <summary>A save outside a transaction that failed committed nothing; inside one, the rollback follows.</summary>
    private void Failed(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            cache.Ended(context, committed: false);
        }
    }

    private void Ended(DbContext? context, bool committed)
    {
        if (context is not null)
        {
            cache.Ended(context, committed);
        }
    }
}
