using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Liyaqa.Domain.Branches;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Notifications.Templates;
using Liyaqa.Domain.Tenants;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Liyaqa.Infrastructure.Tenancy;

/// <summary>
/// What a club has set up and its busiest requests read each time (its profile, booking rules, branches, class
/// types and message wordings), read once and shared, untracked and never changed, by this instance's requests.
/// </summary>
public sealed class ClubSettings(Tenant tenant, BookingPolicy bookingPolicy, IReadOnlyCollection<Branch> branches,
    IReadOnlyCollection<ClassType> classTypes, IReadOnlyCollection<MessageTemplate> templates, DateTimeOffset loadedAt)
{
    private readonly Dictionary<Guid, Branch> _branches = branches.ToDictionary(b => b.Id);
    private readonly Dictionary<Guid, ClassType> _classTypes = classTypes.ToDictionary(t => t.Id);
    private readonly Dictionary<(string Key, string Language), MessageTemplate> _templates = templates.ToDictionary(t => (t.Key, t.Language));

    public Tenant Tenant => tenant;

    /// <summary>The club's booking rules, or the defaults while it has set none.</summary>
    public BookingPolicy BookingPolicy => bookingPolicy;

    public DateTimeOffset LoadedAt => loadedAt;

    public Branch? Branch(Guid id) => _branches.GetValueOrDefault(id);

    public ClassType? ClassType(Guid id) => _classTypes.GetValueOrDefault(id);

    /// <summary>The club's own wording of a message in a language, if it has one.</summary>
    public MessageTemplate? Template(string key, string language) => _templates.GetValueOrDefault((key, language));
}

/// <summary>
/// Each club's <see cref="ClubSettings"/> kept by this instance, so a booking or a check-in reads none of them from
/// PostgreSQL. A change to any of them (<see cref="ClubSettingsInvalidation"/>) drops the club's settings here when it
/// is saved and again when it commits or rolls back, and is announced over Redis so every other instance drops them
/// too, within milliseconds. Settings are read again at most a minute after loading anyway, for an announcement lost while Redis was away;
/// a reconnection to Redis drops every club's.
/// </summary>
public sealed class ClubSettingsCache(IConnectionMultiplexer redis, TimeProvider clock, ILogger<ClubSettingsCache> logger)
{
    private static readonly RedisChannel ChangedChannel = RedisChannel.Literal("liyaqa:club-settings:changed");

    /// <summary>The longest a club's settings are used without being read again.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, ClubSettings> _clubs = new();
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> _uncommitted = [];
    private readonly Dictionary<Guid, long> _generations = [];
    private readonly Lock _gate = new();
    private int _subscribed;

    /// <summary>The settings of the club <paramref name="db"/> acts for, read with it when this instance has none fresh.</summary>
    public async ValueTask<ClubSettings> ForAsync(LiyaqaDbContext db, CancellationToken ct)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Club settings are read for a club; this context acts for none.");
        if (_clubs.TryGetValue(tenantId, out var cached) && clock.GetUtcNow() - cached.LoadedAt < Lifetime)
        {
            return cached;
        }

        Subscribe();
        long generation;
        lock (_gate)
        {
            generation = _generations.GetValueOrDefault(tenantId);
        }

        var (loaded, committed) = await LoadAsync(db, tenantId, ct);
        lock (_gate)
        {
            // Kept only if nothing changed while it was read, and not read by a request that changed them and has not
            // committed (it sees its own change): else the next request reads them again.
            if (committed && _generations.GetValueOrDefault(tenantId) == generation
                && !(_uncommitted.TryGetValue(db, out var changing) && changing.Contains(tenantId)))
            {
                _clubs[tenantId] = loaded;
            }
        }

        return loaded;
    }

    /// <summary>
    /// A branch of the club, or null when it has none with that id. One these settings do not know (added a moment
    /// ago on another instance) is read from the database, and the club's settings are read afresh next time.
    /// </summary>
    public async ValueTask<Branch?> BranchAsync(LiyaqaDbContext db, Guid id, CancellationToken ct) =>
        (await ForAsync(db, ct)).Branch(id) ?? Refreshing(db, await db.Branches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct));

    /// <summary>A class type of the club, or null when it has none with that id; as <see cref="BranchAsync"/>.</summary>
    public async ValueTask<ClassType?> ClassTypeAsync(LiyaqaDbContext db, Guid id, CancellationToken ct) =>
        (await ForAsync(db, ct)).ClassType(id) ?? Refreshing(db, await db.ClassTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct));

    /// <summary><paramref name="context"/> is saving changes to these clubs' settings, not yet committed.</summary>
    internal void Saving(DbContext context, IReadOnlyCollection<Guid> tenantIds)
    {
        lock (_gate)
        {
            _uncommitted.GetOrCreateValue(context).UnionWith(tenantIds);
        }

        Drop(tenantIds);
    }

    /// <summary>
    /// <paramref name="context"/>'s changes have committed (announced to every instance) or rolled back (dropped
    /// here, since it may have read its own change).
    /// </summary>
    internal void Ended(DbContext context, bool committed)
    {
        List<Guid> tenantIds;
        lock (_gate)
        {
            if (!_uncommitted.TryGetValue(context, out var changing) || changing.Count == 0)
            {
                return;
            }

            tenantIds = [.. changing];
            changing.Clear();
        }

        if (committed)
        {
            Changed(tenantIds);
        }
        else
        {
            Drop(tenantIds);
        }
    }

    /// <summary>Drops the clubs' settings on this instance and tells the other instances to drop theirs.</summary>
    private void Changed(IReadOnlyCollection<Guid> tenantIds)
    {
        Drop(tenantIds);
        foreach (var tenantId in tenantIds)
        {
            try
            {
                redis.GetSubscriber().Publish(ChangedChannel, tenantId.ToString(), CommandFlags.FireAndForget);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning(ex, "Club {TenantId}'s settings changed while Redis is unavailable; other instances read them again within {Lifetime}", tenantId, Lifetime);
            }
        }
    }

    /// <summary>Drops the clubs' settings on this instance only.</summary>
    private void Drop(IEnumerable<Guid> tenantIds)
    {
        lock (_gate)
        {
            foreach (var tenantId in tenantIds)
            {
                _generations[tenantId] = _generations.GetValueOrDefault(tenantId) + 1;
                _clubs.TryRemove(tenantId, out _);
            }
        }
    }

    /// <summary>A setting found in the database but not in this instance's copy: the copy is out of date.</summary>
    private T? Refreshing<T>(LiyaqaDbContext db, T? found)
        where T : class
    {
        if (found is not null)
        {
            Drop([db.CurrentTenantId!.Value]);
        }

        return found;
    }

    /// <summary>The club's settings, and whether they are in the database (a club being provisioned is not yet).</summary>
    private async Task<(ClubSettings Settings, bool Committed)> LoadAsync(LiyaqaDbContext db, Guid tenantId, CancellationToken ct)
    {
        var loadedAt = clock.GetUtcNow();
        var stored = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, ct);
        // A club being provisioned in this unit of work is not in the database yet: its own entity stands in.
        var tenant = stored ?? db.Tenants.Local.SingleOrDefault(t => t.Id == tenantId)
            ?? throw new InvalidOperationException($"Club {tenantId} does not exist.");
        var policy = await db.BookingPolicies.AsNoTracking().SingleOrDefaultAsync(ct) ?? BookingPolicy.Default();
        var branches = await db.Branches.AsNoTracking().ToListAsync(ct);
        var classTypes = await db.ClassTypes.AsNoTracking().ToListAsync(ct);
        var templates = await db.MessageTemplates.AsNoTracking().ToListAsync(ct);
        return (new ClubSettings(tenant, policy, branches, classTypes, templates, loadedAt), stored is not null);
    }

    private void Subscribe()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 1)
        {
            return;
        }

        try
        {
            redis.GetSubscriber().Subscribe(ChangedChannel, (_, message) =>
            {
                if (Guid.TryParse(message.ToString(), out var tenantId))
                {
                    Drop([tenantId]);
                }
            });
            // Announcements sent while this instance was cut off from Redis are lost: start afresh.
            redis.ConnectionRestored += (_, _) => Drop(_clubs.Keys.ToList());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Interlocked.Exchange(ref _subscribed, 0);
            logger.LogWarning(ex, "Could not subscribe to club settings changes: Redis is unavailable; trying again at the next read");
        }
    }
}
