using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Billing;

/// <summary>
/// A branch's cash drawer closed for one of the club's days: the cash the day's payments and refunds say should be
/// there, what staff counted, and the difference. Once per branch and day.
/// </summary>
public sealed class DrawerClose : Entity, ITenantOwned
{
    public const int MaxNoteLength = 500;

    private DrawerClose()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid BranchId { get; private set; }

    public DateOnly Day { get; private set; }

    public decimal ExpectedCash { get; private set; }

    public decimal CountedCash { get; private set; }

    /// <summary>Counted less expected: negative when cash is missing.</summary>
    public decimal Difference { get; private set; }

    /// <summary>The day's takings by method (cash, card, mada…), for the record.</summary>
    public Dictionary<string, decimal> TakingsByMethod { get; private set; } = [];

    public string? Note { get; private set; }

    public Guid ClosedBy { get; private set; }

    public DateTimeOffset ClosedAt { get; private set; }

    public static DrawerClose Close(Guid branchId, DateOnly day, IReadOnlyDictionary<PaymentMethod, decimal> takings, decimal countedCash, string? note, Guid closedBy, DateOnly today, DateTimeOffset now)
    {
        new DomainErrors()
            .Check(day <= today, "day", "A day that has begun.")
            .Check(countedCash is >= 0 and <= 10_000_000 && decimal.Round(countedCash, 2) == countedCash, "countedCash", "From 0, with at most two decimals.")
            .Check(note is null || note.Length <= MaxNoteLength, "note", $"At most {MaxNoteLength} characters.")
            .ThrowIfAny();
        var expected = takings.GetValueOrDefault(PaymentMethod.Cash);
        var close = new DrawerClose
        {
            BranchId = branchId,
            Day = day,
            ExpectedCash = expected,
            CountedCash = countedCash,
            Difference = countedCash - expected,
            TakingsByMethod = takings.ToDictionary(t => t.Key.ToString(), t => t.Value),
            Note = note?.Trim(),
            ClosedBy = closedBy,
            ClosedAt = now,
        };
        close.Audit(AuditActions.DrawerClosed, new { branchId, day, expected, countedCash, close.Difference });
        return close;
    }
}
