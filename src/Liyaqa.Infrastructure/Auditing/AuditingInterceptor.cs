using System.Text.Json;
using Liyaqa.Domain.Auditing;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;
using Liyaqa.Domain.Tenants;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Liyaqa.Infrastructure.Auditing;

/// <summary>
/// The one mechanism that writes the audit log: every audit event raised by an entity being saved becomes
/// an <c>audit_log</c> row in the same transaction, stamped with the acting user, client and time.
/// </summary>
internal sealed class AuditingInterceptor(TimeProvider clock, ILogger<AuditingInterceptor> logger) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        WriteAuditEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        WriteAuditEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void WriteAuditEntries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var raised = context.ChangeTracker.Entries<Entity>()
            .Where(e => e.Entity.AuditEvents.Count > 0)
            .Select(e => e.Entity)
            .ToList();
        if (raised.Count == 0)
        {
            return;
        }

        // One log line per save: the actions and, for a single entity, which one (bulk imports stay readable).
        var actions = raised.SelectMany(e => e.AuditEvents.Select(a => a.Action)).GroupBy(a => a).Select(g => g.Count() == 1 ? g.Key : $"{g.Key}x{g.Count()}");
        logger.LogInformation("Audit {Actions} on {EntityType} {EntityId}", string.Join(",", actions),
            string.Join(",", raised.Select(e => e.GetType().Name).Distinct()), raised.Count == 1 ? raised[0].Id : null);
        var actor = (context as LiyaqaDbContext)?.Actors?.Current ?? AuditActor.System;
        var now = clock.GetUtcNow();
        foreach (var entity in raised)
        {
            foreach (var audit in entity.AuditEvents)
            {
                context.Add(new AuditLogEntry
                {
                    TenantId = TenantOf(entity),
                    UserId = actor.UserId,
                    Email = actor.Email,
                    Action = audit.Action,
                    EntityType = entity.GetType().Name,
                    EntityId = entity.Id,
                    IpAddress = actor.IpAddress,
                    UserAgent = actor.UserAgent,
                    Details = audit.Details is null ? null : JsonSerializer.SerializeToDocument(audit.Details, DetailsJson),
                    CreatedAt = now,
                });
            }

            entity.ClearAuditEvents();
        }
    }

    private static Guid TenantOf(Entity entity) => entity switch
    {
        ITenantOwned owned => owned.TenantId,
        Tenant tenant => tenant.Id,
        _ => throw new InvalidOperationException($"{entity.GetType().Name} raised an audit event but belongs to no tenant."),
    };
}
