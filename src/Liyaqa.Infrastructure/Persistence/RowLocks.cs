using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Members;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Infrastructure.Persistence;

/// <summary>
/// The row locks that serialise concurrent changes (<c>SELECT … FOR UPDATE</c>, with <c>xmin</c> for the
/// optimistic check): held until the caller's transaction ends, so callers run one after another per row.
/// </summary>
public static class RowLocks
{
    /// <summary>The class, locked: from here to the commit, bookings of one class happen one after another.</summary>
    public static Task<ClassSession> LockClassAsync(this LiyaqaDbContext db, Guid sessionId, CancellationToken ct) =>
        db.ClassSessions.FromSql($"SELECT *, xmin FROM class_sessions WHERE id = {sessionId} FOR UPDATE").SingleAsync(ct);

    /// <summary>The member, locked (null when not in this club): one check-in of a member at a time.</summary>
    public static Task<Member?> LockMemberAsync(this LiyaqaDbContext db, Guid memberId, CancellationToken ct) =>
        db.Members.FromSql($"SELECT *, xmin FROM members WHERE id = {memberId} FOR UPDATE").SingleOrDefaultAsync(ct);
}
