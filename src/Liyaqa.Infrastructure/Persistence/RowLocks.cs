using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Liyaqa.Infrastructure.Persistence;

/// <summary>
/// The locks that serialise concurrent changes (<c>SELECT … FOR UPDATE</c>, with <c>xmin</c> for the optimistic
/// check, or an advisory lock): held until the caller's transaction ends, so callers run one after another per row.
/// </summary>
public static class RowLocks
{
    /// <summary>The class, locked: from here to the commit, bookings of one class happen one after another.</summary>
    public static Task<ClassSession> LockClassAsync(this LiyaqaDbContext db, Guid sessionId, CancellationToken ct) =>
        db.ClassSessions.FromSql($"SELECT *, xmin FROM class_sessions WHERE id = {sessionId} FOR UPDATE").SingleAsync(ct);

    /// <summary>
    /// What a booking needs to know once it holds the class's lock: the row's version, the places booked, the places on
    /// the waitlist (a booking joining it takes the next position), and whether the member already holds a place.
    /// </summary>
    public sealed record LockedPlaces(uint Version, int Booked, int Waitlisted, bool MemberHasOne);

    /// <summary>
    /// Locks the class and counts its places in one round trip: two statements in one batch, so the count runs
    /// after the lock is granted and reads what every earlier holder committed (each statement its own snapshot).
    /// The version tells the caller whether the class changed since it read it.
    /// </summary>
    public static async Task<LockedPlaces> LockClassCountingPlacesAsync(this LiyaqaDbContext db, Guid sessionId, Guid memberId, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("A class is locked inside a transaction.");
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new("SELECT xmin FROM class_sessions WHERE tenant_id = $1 AND id = $2 FOR UPDATE") { Parameters = { new() { Value = db.CurrentTenantId }, new() { Value = sessionId } } },
                new("""
                    SELECT count(*) FILTER (WHERE status = 'Booked')::int, count(*) FILTER (WHERE status = 'Waitlisted')::int,
                           coalesce(bool_or(member_id = $3), false)
                    FROM bookings WHERE tenant_id = $1 AND session_id = $2 AND status IN ('Booked', 'Waitlisted')
                    """) { Parameters = { new() { Value = db.CurrentTenantId }, new() { Value = sessionId }, new() { Value = memberId } } },
            },
        };
        // When this is the first statement of its transaction, the batch sets the transaction's tenant too.
        var tenant = Tenancy.TenantTransactionInterceptor.TakeTenantSetting(db, transaction);
        if (tenant is not null)
        {
            batch.BatchCommands.Insert(0, new(Tenancy.TenantCommandInterceptor.SetTenantStatement(tenant)));
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var version = await reader.ReadAsync(ct) ? reader.GetFieldValue<uint>(0) : throw new InvalidOperationException($"Class {sessionId} is not in this club.");
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return new LockedPlaces(version, reader.GetInt32(0), reader.GetInt32(1), reader.GetBoolean(2));
    }

    /// <summary>The advisory-lock space of members at the door (the two-key form, apart from the migration lock's one key).</summary>
    private const int MemberAtTheDoor = 0x4C49_0001;

    /// <summary>
    /// The member (null when not in this club), with a transaction-level advisory lock on them: one check-in of a
    /// member at a time. Not <c>FOR UPDATE</c>: locking the row writes it (and the WAL), which made the lock the
    /// costliest statement of a check-in; the advisory lock lives in memory and ends with the transaction.
    /// </summary>
    public static Task<Member?> LockMemberAsync(this LiyaqaDbContext db, Guid memberId, CancellationToken ct) =>
        db.Members.FromSql($"""
            SELECT m.*, m.xmin FROM members m
            CROSS JOIN LATERAL pg_advisory_xact_lock({MemberAtTheDoor}, hashtext(m.id::text))
            WHERE m.tenant_id = {db.CurrentTenantId} AND m.id = {memberId}
            """).SingleOrDefaultAsync(ct);
}
