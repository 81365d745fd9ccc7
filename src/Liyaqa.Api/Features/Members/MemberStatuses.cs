using Liyaqa.Domain.Members;
using Liyaqa.Domain.Tenants;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Members;

/// <summary>Keeps each member's stored status equal to what their subscriptions say on the club's today.</summary>
public sealed class MemberStatuses(LiyaqaDbContext db, TimeProvider clock)
{
    /// <summary>Re-derives the status of <paramref name="member"/> (tracked), counting subscriptions not yet saved.</summary>
    public async Task RefreshAsync(Member member, Tenant tenant, CancellationToken ct)
    {
        var saved = await db.Subscriptions.Where(s => s.MemberId == member.Id).ToListAsync(ct);
        var pending = db.ChangeTracker.Entries<Domain.Memberships.Subscription>()
            .Where(e => e.State == EntityState.Added && e.Entity.MemberId == member.Id).Select(e => e.Entity);
        var now = clock.GetUtcNow();
        member.ApplyStatus(MemberStatusRules.Derive(saved.Concat(pending).DistinctBy(s => s.Id), tenant.DateAt(now)), now);
    }
}
