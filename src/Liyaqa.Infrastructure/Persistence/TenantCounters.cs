using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Infrastructure.Persistence;

/// <summary>
/// Hands out a club's running numbers without gaps between concurrent callers: the counter row is
/// incremented in the caller's transaction, so a second caller waits for the first to commit.
/// </summary>
public sealed class TenantCounters(LiyaqaDbContext db)
{
    public const string MemberNumbers = "member-number";

    /// <summary>Reserves <paramref name="count"/> numbers and returns the first of them.</summary>
    public async Task<long> ReserveAsync(string name, int count, CancellationToken ct)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Counters belong to a club.");
        var last = await db.Database.SqlQuery<long>($"""
            INSERT INTO tenant_counters (tenant_id, name, value) VALUES ({tenantId}, {name}, {(long)count})
            ON CONFLICT (tenant_id, name) DO UPDATE SET value = tenant_counters.value + EXCLUDED.value
            RETURNING value
            """).ToListAsync(ct);
        return last.Single() - count + 1;
    }
}
