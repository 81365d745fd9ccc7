using System.Security.Cryptography;
using System.Text;
using Liyaqa.Domain.Platform;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using StackExchange.Redis;

namespace Liyaqa.Infrastructure.Identity;

/// <summary>
/// The keys that sign and validate access tokens. New tokens are signed with the newest key; older keys
/// keep validating until their tokens have expired, so rotating logs nobody out and needs no restart.
/// Keys live in <c>signing_keys</c>; a rotation on one replica reaches the others through Redis at once,
/// and a replica meeting an unknown key id reloads before refusing the token. Without Redis a rotation
/// still works: replicas that may have missed its message reload when their connection comes back (and
/// every minute anyway).
/// </summary>
public sealed class SigningKeyRing(IServiceScopeFactory scopes, IConnectionMultiplexer redis, AuthOptions options, TimeProvider clock, ILogger<SigningKeyRing> logger) : IDisposable
{
    private static readonly RedisChannel RotatedChannel = RedisChannel.Literal("liyaqa:signing-keys:rotated");
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan UnknownKidReloadThrottle = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Snapshot? _snapshot;
    private volatile bool _stale;
    private int _reloading;
    private int _subscribed;
    private int _watchingReconnects;

    private sealed record Snapshot(SymmetricSecurityKey Current, IReadOnlyList<SymmetricSecurityKey> Valid, DateTimeOffset LoadedAt);

    /// <summary>True when the keys come from <c>JWT_SECRET</c> and cannot be rotated here.</summary>
    public bool IsFixedSecret => !string.IsNullOrEmpty(options.JwtSecret);

    /// <summary>The newest key: a new token is signed with what is current, so an old or stale set is reloaded first.</summary>
    public async Task<SigningCredentials> SigningCredentialsAsync(CancellationToken ct = default)
    {
        var known = _snapshot;
        var snapshot = known is null || IsOld(known)
            ? await GetSnapshotAsync(forceReload: true, ct, unlessNewerThan: known)
            : known;
        return new SigningCredentials(snapshot.Current, SecurityAlgorithms.HmacSha256);
    }

    /// <summary>For the JWT handler (synchronous by its contract): the keys that may have signed a token with <paramref name="kid"/>.</summary>
    public IEnumerable<SecurityKey> ValidationKeys(string? kid)
    {
        var snapshot = GetSnapshotAsync(forceReload: false, CancellationToken.None).GetAwaiter().GetResult();
        if (kid is not null && snapshot.Valid.All(k => k.KeyId != kid) && clock.GetUtcNow() - snapshot.LoadedAt > UnknownKidReloadThrottle)
        {
            snapshot = GetSnapshotAsync(forceReload: true, CancellationToken.None).GetAwaiter().GetResult();
        }

        return kid is null ? snapshot.Valid : snapshot.Valid.Where(k => k.KeyId == kid);
    }

    /// <summary>Adds a new current key; the previous ones retire once the tokens they signed have expired.</summary>
    public async Task<string> RotateAsync(CancellationToken ct = default)
    {
        if (IsFixedSecret)
        {
            throw new InvalidOperationException("Signing keys come from JWT_SECRET; rotate by changing it.");
        }

        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiyaqaDbContext>();
        var retiring = await db.SigningKeys.Where(k => k.RetiredAt == null).ToListAsync(ct);
        foreach (var key in retiring)
        {
            key.RetiredAt = now + options.AccessTokenLifetime;
        }

        var added = NewKey(now);
        db.SigningKeys.Add(added);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Signing key {KeyId} is now current; {Count} older key(s) retire at {RetiredAt}", added.Id, retiring.Count, now + options.AccessTokenLifetime);

        await GetSnapshotAsync(forceReload: true, ct);
        try
        {
            await redis.GetSubscriber().PublishAsync(RotatedChannel, added.Id);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Signing key {KeyId} could not be announced: Redis is unavailable; other instances load it when Redis is back or within a minute", added.Id);
        }

        return added.Id;
    }

    /// <summary>
    /// The keys. Once loaded, an old or announced-stale set is still served while one background reload replaces
    /// it: the token handler asks synchronously, so a reload every request waited for would block a thread per
    /// request at once (under load, the thread pool starved for as long as it took to add threads for them all).
    /// </summary>
    private async Task<Snapshot> GetSnapshotAsync(bool forceReload, CancellationToken ct, Snapshot? unlessNewerThan = null)
    {
        var snapshot = _snapshot;
        if (!forceReload && snapshot is not null)
        {
            if (IsOld(snapshot))
            {
                ReloadInBackground();
            }

            return snapshot;
        }

        await _reload.WaitAsync(ct);
        try
        {
            // Another caller may have loaded them while this one waited.
            if (_snapshot is { } loaded && (!forceReload || (unlessNewerThan is not null && !ReferenceEquals(loaded, unlessNewerThan) && !IsOld(loaded))))
            {
                return loaded;
            }

            _stale = false;

            if (IsFixedSecret)
            {
                return _snapshot = FixedSecretSnapshot();
            }

            SubscribeToRotations();
            return _snapshot = await LoadAsync(ct);
        }
        finally
        {
            _reload.Release();
        }
    }

    private bool IsOld(Snapshot snapshot) => _stale || clock.GetUtcNow() - snapshot.LoadedAt >= RefreshEvery;

    private void ReloadInBackground()
    {
        if (Interlocked.Exchange(ref _reloading, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await GetSnapshotAsync(forceReload: true, CancellationToken.None);
            }
            catch (Exception ex)
            {
                _stale = true;
                logger.LogWarning(ex, "Reloading the signing keys failed; the loaded keys stay in use and the next request tries again");
            }
            finally
            {
                Interlocked.Exchange(ref _reloading, 0);
            }
        });
    }

    private Snapshot FixedSecretSnapshot()
    {
        var secret = Encoding.UTF8.GetBytes(options.JwtSecret!);
        if (secret.Length < 32)
        {
            throw new InvalidOperationException("JWT_SECRET must be at least 32 bytes long.");
        }

        var key = new SymmetricSecurityKey(secret) { KeyId = "jwt-secret-" + Convert.ToHexStringLower(SHA256.HashData(secret))[..8] };
        return new Snapshot(key, [key], clock.GetUtcNow());
    }

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiyaqaDbContext>();
        var keys = await db.SigningKeys.AsNoTracking()
            .Where(k => k.RetiredAt == null || k.RetiredAt > now)
            .OrderByDescending(k => k.CreatedAt)
            .ToListAsync(ct);
        if (keys.Count == 0)
        {
            // First start: make the first key (two replicas racing both add one; the newest signs).
            var first = NewKey(now);
            db.SigningKeys.Add(first);
            await db.SaveChangesAsync(ct);
            keys.Add(first);
        }

        var valid = keys.Select(k => new SymmetricSecurityKey(k.Secret) { KeyId = k.Id }).ToList();
        var current = keys.Where(k => k.RetiredAt == null).Select(k => valid.First(v => v.KeyId == k.Id)).FirstOrDefault() ?? valid[0];
        return new Snapshot(current, valid, now);
    }

    private void SubscribeToRotations()
    {
        if (Interlocked.Exchange(ref _watchingReconnects, 1) == 0)
        {
            // A message sent while this instance was cut off from Redis is lost: reload once the connection is back.
            redis.ConnectionRestored += (_, _) => _stale = true;
        }

        if (Interlocked.Exchange(ref _subscribed, 1) != 0)
        {
            return;
        }

        try
        {
            redis.GetSubscriber().Subscribe(RotatedChannel, (_, keyId) =>
            {
                logger.LogInformation("Signing key {KeyId} was rotated in on another instance; reloading keys", keyId.ToString());
                _stale = true;
                ReloadInBackground();
            });
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Not subscribed to signing-key rotations: Redis is unavailable; trying again at the next reload");
            Interlocked.Exchange(ref _subscribed, 0);
        }
    }

    public void Dispose() => _reload.Dispose();

    private static SigningKey NewKey(DateTimeOffset now) => new()
    {
        Id = "k" + now.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)),
        Secret = RandomNumberGenerator.GetBytes(64),
        CreatedAt = now,
    };
}
