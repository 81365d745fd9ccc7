using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Billing;

/// <summary>
/// Collecting a renewal's invoice from the member's saved card: charged on the day it is raised, then retried on
/// the club's schedule (days after the first failure, e.g. 1, 3 and 7). After the last failure the membership is
/// suspended until the invoice is paid, by a later charge or at the front desk.
/// </summary>
public sealed class PaymentCollection : Entity, ITenantOwned
{
    public const int MaxFailureLength = GatewayCharge.MaxDeclineLength;

    private PaymentCollection()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid MemberId { get; private set; }

    public Guid InvoiceId { get; private set; }

    public Guid SubscriptionId { get; private set; }

    public CollectionStatus Status { get; private set; }

    public int FailedAttempts { get; private set; }

    public DateOnly? FirstFailedOn { get; private set; }

    public DateOnly NextAttemptOn { get; private set; }

    public string? LastFailure { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CollectedAt { get; private set; }

    public static PaymentCollection Start(Invoice invoice, Guid subscriptionId, DateOnly today, DateTimeOffset now)
    {
        var collection = new PaymentCollection
        {
            MemberId = invoice.MemberId,
            InvoiceId = invoice.Id,
            SubscriptionId = subscriptionId,
            Status = CollectionStatus.Due,
            NextAttemptOn = today,
            CreatedAt = now,
        };
        collection.Audit(AuditActions.CollectionStarted, new { invoice = invoice.Number, subscriptionId });
        return collection;
    }

    /// <summary>
    /// A charge failed. The next attempt is the schedule's next day after the first failure; with none left the
    /// collection is suspended (true returned: the caller suspends the membership).
    /// </summary>
    public bool Failed(string reason, DateOnly today, IReadOnlyList<int> retryDays)
    {
        FirstFailedOn ??= today;
        FailedAttempts++;
        LastFailure = reason.Length <= MaxFailureLength ? reason : reason[..MaxFailureLength];
        var retriesLeft = FailedAttempts <= retryDays.Count;
        if (retriesLeft)
        {
            NextAttemptOn = FirstFailedOn.Value.AddDays(retryDays[FailedAttempts - 1]);
        }
        else
        {
            Status = CollectionStatus.Suspended;
        }

        Audit(AuditActions.CollectionFailed, new { attempt = FailedAttempts, reason = LastFailure, next = retriesLeft ? NextAttemptOn : (DateOnly?)null, suspended = !retriesLeft });
        return !retriesLeft;
    }

    /// <summary>The invoice is paid; true when the membership was suspended for it and is to be resumed.</summary>
    public bool Collected(DateTimeOffset now)
    {
        var wasSuspended = Status == CollectionStatus.Suspended;
        Status = CollectionStatus.Collected;
        CollectedAt = now;
        Audit(AuditActions.CollectionCollected, new { attempts = FailedAttempts + 1, resumed = wasSuspended });
        return wasSuspended;
    }
}
