using Liyaqa.Api.Features.Notifications;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Members;
using Liyaqa.Domain.Notifications;
using Liyaqa.Domain.Tenants;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;

namespace Liyaqa.Api.Features.Classes;

/// <summary>Tells a member about one of their classes (booked, promoted, reminded, cancelled, waitlist closed), in their language.</summary>
public sealed class ClassMessages(LiyaqaDbContext db, ClubSettingsCache clubs, Outbox outbox)
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
        var type = await clubs.ClassTypeAsync(db, session.ClassTypeId, ct) ?? throw new InvalidOperationException($"Class type {session.ClassTypeId} of class {session.Id} does not exist.");
        var branch = await clubs.BranchAsync(db, session.BranchId, ct) ?? throw new InvalidOperationException($"Branch {session.BranchId} of class {session.Id} does not exist.");
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
