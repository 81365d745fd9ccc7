using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Billing;

/// <summary>
/// Money received from a member (positive) or refunded to them (negative, always with the credit note that justifies
/// it), spread over invoices. A payment never exceeds what the invoices it pays ask for: overpayment is refused.
/// </summary>
public sealed class Payment : Entity, ITenantOwned
{
    public const int MaxReferenceLength = 100;

    private readonly List<PaymentAllocation> _allocations = [];

    private Payment()
    {
    }

    public Guid TenantId { get; private set; }

    /// <summary>The receipt number, <c>RCT-2026-000001</c> (refunds too).</summary>
    public string Number { get; private set; } = string.Empty;

    public Guid MemberId { get; private set; }

    public PaymentMethod Method { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = string.Empty;

    /// <summary>Where cash or a card was taken, for the branch's day close.</summary>
    public Guid? BranchId { get; private set; }

    /// <summary>The card terminal's, bank's or gateway's reference.</summary>
    public string? Reference { get; private set; }

    /// <summary>For a refund: the credit note it pays out.</summary>
    public Guid? CreditNoteId { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public IReadOnlyList<PaymentAllocation> Allocations => _allocations;

    public bool IsRefund => Amount < 0;

    /// <summary>
    /// Takes <paramref name="amount"/> and spreads it over <paramref name="invoices"/> in the order given (oldest first),
    /// each up to what it asks for; money left over is refused.
    /// </summary>
    public static Payment Receive(string number, Guid memberId, PaymentMethod method, decimal amount, string currency, Guid? branchId, string? reference,
        IReadOnlyList<Invoice> invoices, DateTimeOffset now)
    {
        new DomainErrors()
            .Check(Enum.IsDefined(method), "method", "Cash, Card, Mada, BankTransfer or Online.")
            .Check(amount > 0 && amount <= 1_000_000 && decimal.Round(amount, 2) == amount, "amount", "More than 0, with at most two decimals.")
            .Check(reference is null || reference.Length <= MaxReferenceLength, "reference", $"At most {MaxReferenceLength} characters.")
            .ThrowIfAny();
        var payment = new Payment { Number = number, MemberId = memberId, Method = method, Amount = amount, Currency = currency, BranchId = branchId, Reference = reference?.Trim(), ReceivedAt = now };
        var left = amount;
        foreach (var invoice in invoices.Where(i => i.Outstanding > 0))
        {
            var share = Math.Min(left, invoice.Outstanding);
            invoice.ApplyPayment(share);
            payment._allocations.Add(new PaymentAllocation(invoice.Id, share));
            left -= share;
            if (left == 0)
            {
                break;
            }
        }

        if (left > 0)
        {
            throw new DomainRuleException("overpayment", $"{left:0.00} {currency} more than the member's open invoices ask for; overpayment is refused.");
        }

        payment.Audit(AuditActions.PaymentReceived, new { number, memberId, method = method.ToString(), amount, invoices = payment._allocations.Count });
        return payment;
    }

    /// <summary>
    /// Pays back an issued credit note's total of <paramref name="invoice"/>, by <paramref name="method"/> (at a branch's
    /// drawer when given; <paramref name="reference"/> is the gateway's refund of a card payment).
    /// </summary>
    public static Payment Refund(string number, Invoice invoice, Invoice creditNote, PaymentMethod method, Guid? branchId, DateTimeOffset now, string? reference = null)
    {
        new DomainErrors().Check(Enum.IsDefined(method), "method", "Cash, Card, Mada, BankTransfer or Online.").ThrowIfAny();
        var refund = new Payment
        {
            Number = number,
            MemberId = invoice.MemberId,
            Method = method,
            Amount = -creditNote.Total,
            Currency = invoice.Currency,
            CreditNoteId = creditNote.Id,
            BranchId = branchId,
            Reference = reference,
            ReceivedAt = now,
        };
        refund._allocations.Add(new PaymentAllocation(invoice.Id, -creditNote.Total));
        refund.Audit(AuditActions.PaymentRefunded, new { number, invoice = invoice.Number, creditNote = creditNote.Number, amount = creditNote.Total, method = method.ToString() });
        return refund;
    }
}
