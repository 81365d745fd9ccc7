using Liyaqa.Domain.Common;
using Liyaqa.Domain.Memberships;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Billing;

/// <summary>
/// A fee line a member owes outside their membership — a late cancellation or a missed class under the club's
/// booking policy — with its net and VAT split, waiting for billing to invoice it. One per booking and reason.
/// </summary>
public sealed class MemberCharge : Entity, ITenantOwned
{
    private MemberCharge()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid MemberId { get; private set; }

    /// <summary>The booking the fee is for.</summary>
    public Guid BookingId { get; private set; }

    public ChargeReason Reason { get; private set; }

    public Charge Amount { get; private set; } = Charge.Zero;

    public ChargeStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? WaivedAt { get; private set; }

    public string? WaiveReason { get; private set; }

    /// <summary>The invoice that bills the fee.</summary>
    public Guid? InvoiceId { get; private set; }

    /// <summary>A fee of <paramref name="vatInclusiveFee"/> (VAT included at <paramref name="vatRate"/>); null when the fee is zero.</summary>
    public static MemberCharge? Raise(Guid memberId, Guid bookingId, ChargeReason reason, decimal vatInclusiveFee, decimal vatRate, DateTimeOffset now)
    {
        if (vatInclusiveFee <= 0)
        {
            return null;
        }

        var charge = new MemberCharge
        {
            MemberId = memberId,
            BookingId = bookingId,
            Reason = reason,
            Amount = Charge.Of(vatInclusiveFee, includesVat: true, vatRate),
            Status = ChargeStatus.Open,
            CreatedAt = now,
        };
        charge.Audit(AuditActions.ChargeRaised, new { memberId, bookingId, reason = reason.ToString(), charge.Amount.Total });
        return charge;
    }

    /// <summary>The fee as a line of the member's next invoice (the fee is VAT-inclusive, standard rated).</summary>
    public InvoiceLineDraft AsInvoiceLine() => Reason == ChargeReason.NoShow
        ? new InvoiceLineDraft(InvoiceItemKind.Fee, "No-show fee", "رسوم عدم الحضور", 1, Amount.Total, ChargeId: Id)
        : new InvoiceLineDraft(InvoiceItemKind.Fee, "Late cancellation fee", "رسوم الإلغاء المتأخر", 1, Amount.Total, ChargeId: Id);

    public void Bill(Guid invoiceId)
    {
        if (Status != ChargeStatus.Open)
        {
            throw new DomainRuleException("charge-not-open", "Only an open charge can be billed.");
        }

        (Status, InvoiceId) = (ChargeStatus.Billed, invoiceId);
        Audit(AuditActions.ChargeBilled, new { invoiceId });
    }

    public void Waive(string reason, DateTimeOffset now)
    {
        new DomainErrors().Check(reason?.Trim().Length is > 0 and <= 300, "reason", "Say why, in 1-300 characters.").ThrowIfAny();
        if (Status != ChargeStatus.Open)
        {
            throw new DomainRuleException("charge-not-open", "Only an open charge can be waived.");
        }

        (Status, WaivedAt, WaiveReason) = (ChargeStatus.Waived, now, reason!.Trim());
        Audit(AuditActions.ChargeWaived, new { reason = WaiveReason });
    }
}
