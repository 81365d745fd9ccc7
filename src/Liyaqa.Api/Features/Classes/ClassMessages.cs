using Liyaqa.Api.Features.Notifications;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Members;
using Liyaqa.Domain.Notifications;
using Liyaqa.Domain.Tenants;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Classes;

/// <summary>Tells a member about one of their classes (booked, promoted, reminded, cancelled, waitlist closed), in their language.</summary>
public sealed class ClassMessages(LiyaqaDbContext db, Outbox outbox)
{
    public async Task TellAsync(Tenant tenant, Member member, ClassSession session, string template, string? reason, CancellationToken ct)
    {
        if (await WriteAsync(tenant, member, session, template, reason, ct) is { } message)
        {
            Send(message);
        }
    }

    /// <summary>The message <see cref="TellAsync"/> would queue, written but not queued (see <see cref="Outbox.ForMemberAsync"/>).</summary>
    public async Task<Notification?> WriteAsync(Tenant tenant, Member member, ClassSession session, string template, string? reason, CancellationToken ct)
    {
        var type = await db.ClassTypes.AsNoTracking().SingleAsync(t => t.Id == session.ClassTypeId, ct);
        var branch = await db.Branches.AsNoTracking().SingleAsync(b => b.Id == session.BranchId, ct);
        return await outbox.ForMemberAsync(tenant, member, template, new Dictionary<string, object?>
        {
            ["className"] = type.NameIn(member.Language),
            ["startsAt"] = session.StartsAt,
            ["branchName"] = branch.NameIn(member.Language),
            ["reason"] = reason,
        }, ct);
    }

    /// <summary>Queues a message written by <see cref="WriteAsync"/>.</summary>
    public void Send(Notification message) => outbox.Queue(message);
}
