using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Billing;

/// <summary>
/// A tax invoice or credit note of a club to a member, shaped so it can become a ZATCA document: its id is the
/// document UUID, it keeps the issue date and time in the club's zone, the seller and buyer as printed, lines with VAT
/// category and totals. A draft's lines may change; issuing gives it the next number of its series and freezes its
/// content for good (the database refuses changes too). Payments move an invoice to partially paid and paid; credit
/// notes reduce what it asks for, and crediting all of it cancels it.
/// </summary>
public sealed class Invoice : Entity, ITenantOwned
{
    public const int MaxLines = 100;
    public const int MaxReasonLength = 300;
    public const decimal MaxTotal = 100_000_000m;

    private readonly List<InvoiceLine> _lines = [];

    private Invoice()
    {
    }

    public Guid TenantId { get; private set; }

    public DocumentKind Kind { get; private set; }

    public InvoiceType Type { get; private set; }

    public InvoiceStatus Status { get; private set; }

    /// <summary><c>INV-2026-000042</c> or <c>CN-2026-000007</c>; null while a draft.</summary>
    public string? Number { get; private set; }

    public Guid MemberId { get; private set; }

    /// <summary>The invoice a credit note credits.</summary>
    public Guid? ReferencedInvoiceId { get; private set; }

    /// <summary>Why a credit note was raised.</summary>
    public string? Reason { get; private set; }

    public string Currency { get; private set; } = string.Empty;

    /// <summary>The club as seller, copied at issue so later changes of the club's details leave it as printed.</summary>
    public InvoiceParty? Seller { get; private set; }

    public InvoiceParty Buyer { get; private set; } = null!;

    public decimal NetTotal { get; private set; }

    public decimal VatTotal { get; private set; }

    public decimal Total { get; private set; }

    /// <summary>Payments allocated to the invoice less refunds of them.</summary>
    public decimal PaidAmount { get; private set; }

    /// <summary>What credit notes took off the invoice.</summary>
    public decimal CreditedAmount { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? IssuedAt { get; private set; }

    /// <summary>The issue date and time on the club's clock, as ZATCA's IssueDate and IssueTime.</summary>
    public DateOnly? IssueDate { get; private set; }

    public TimeOnly? IssueTime { get; private set; }

    public IReadOnlyList<InvoiceLine> Lines => _lines;

    public decimal Outstanding => Total - CreditedAmount - PaidAmount;

    public bool IsDraft => Status == InvoiceStatus.Draft;

    public InvoiceTotals Totals => InvoiceArithmetic.Totals(_lines.Select(l => (l.Category, l.VatRate, l.NetAmount)));

    public static Invoice Draft(Guid memberId, InvoiceType type, InvoiceParty buyer, string currency, DateTimeOffset now)
    {
        var errors = new DomainErrors().Check(Enum.IsDefined(type), "type", "Simplified or Standard.");
        buyer.ValidateBuyer(type, errors);
        errors.ThrowIfAny();
        var invoice = new Invoice
        {
            Kind = DocumentKind.Invoice,
            Type = type,
            Status = InvoiceStatus.Draft,
            MemberId = memberId,
            Currency = currency,
            Buyer = buyer with { Name = buyer.Name.Trim() },
            CreatedAt = now,
        };
        invoice.Audit(AuditActions.InvoiceDrafted, new { memberId, type = type.ToString() });
        return invoice;
    }

    public void AddLines(IEnumerable<InvoiceLineDraft> lines, decimal clubVatRate)
    {
        RequireDraft();
        foreach (var line in lines)
        {
            new DomainErrors().Check(_lines.Count < MaxLines, "lines", $"At most {MaxLines} lines.").ThrowIfAny();
            _lines.Add(InvoiceLine.From(Id, _lines.Count + 1, line, clubVatRate));
        }

        (NetTotal, VatTotal, Total) = Totals switch { var t => (t.Net, t.Vat, t.Total) };
        new DomainErrors().Check(Total <= MaxTotal, "lines", $"An invoice totals at most {MaxTotal:0}.").ThrowIfAny();
    }

    /// <summary>Gives the draft its number and freezes it; <paramref name="issuedAt"/> is shown on the club's clock.</summary>
    public void Issue(string number, InvoiceParty seller, DateTimeOffset issuedAt, TimeZoneInfo clubZone)
    {
        RequireDraft();
        if (_lines.Count == 0)
        {
            throw new DomainRuleException("invoice-empty", "An invoice needs at least one line.");
        }

        RequireSellerComplete(seller);
        var local = TimeZoneInfo.ConvertTime(issuedAt, clubZone);
        (Number, Seller, IssuedAt, IssueDate, IssueTime) = (number, seller, issuedAt, DateOnly.FromDateTime(local.DateTime), TimeOnly.FromDateTime(local.DateTime));
        Status = Total == 0 ? InvoiceStatus.Paid : InvoiceStatus.Issued;
        Audit(Kind == DocumentKind.Invoice ? AuditActions.InvoiceIssued : AuditActions.CreditNoteIssued, new { number, Total });
    }

    /// <summary>The club's details a document needs before it can be issued.</summary>
    public static bool IsSellerComplete(InvoiceParty seller) =>
        !string.IsNullOrWhiteSpace(seller.Name) && InvoiceParty.IsSaudiVatNumber(seller.VatNumber) && seller.Address is not null && ZatcaQrCode.Fits(seller.Name);

    public static void RequireSellerComplete(InvoiceParty seller)
    {
        if (!IsSellerComplete(seller))
        {
            throw new DomainRuleException("seller-details-missing", "Set the club's seller name, VAT number and address (billing settings) before issuing.");
        }
    }

    /// <summary>
    /// A draft credit note against this issued invoice: all its lines (<paramref name="amount"/> null) or one line worth at
    /// most <paramref name="amount"/> with VAT (an invoice of one VAT category and rate only). It may not credit more than
    /// is left to credit; <paramref name="refund"/> says whether paid money goes back (then up to what was paid).
    /// </summary>
    public Invoice CreditNote(decimal? amount, string reason, bool refund, DateTimeOffset now)
    {
        if (Kind != DocumentKind.Invoice || IsDraft || Status == InvoiceStatus.Cancelled)
        {
            throw new DomainRuleException("invoice-not-creditable", "Only an issued, not yet cancelled invoice can be credited.");
        }

        new DomainErrors()
            .Check(reason?.Trim().Length is > 0 and <= MaxReasonLength, "reason", $"Say why, in 1-{MaxReasonLength} characters.")
            .Check(amount is null || (amount > 0 && decimal.Round(amount.Value, 2) == amount), "amount", "More than 0, with at most two decimals.")
            .ThrowIfAny();
        var note = new Invoice
        {
            Kind = DocumentKind.CreditNote,
            Type = Type,
            Status = InvoiceStatus.Draft,
            MemberId = MemberId,
            ReferencedInvoiceId = Id,
            Reason = reason!.Trim(),
            Currency = Currency,
            Buyer = Buyer,
            CreatedAt = now,
        };
        if (amount is null)
        {
            note._lines.AddRange(_lines.Select(l => InvoiceLine.From(note.Id, l.LineNumber, l.AsDraft(), l.VatRate)));
        }
        else
        {
            note._lines.Add(InvoiceLine.From(note.Id, 1, PartialCreditLine(amount.Value), _lines[0].VatRate));
        }

        (note.NetTotal, note.VatTotal, note.Total) = note.Totals switch { var t => (t.Net, t.Vat, t.Total) };
        var limit = refund ? Math.Min(PaidAmount, Total - CreditedAmount) : Outstanding;
        if (note.Total > limit)
        {
            throw new DomainRuleException(refund ? "refund-exceeds-paid" : "credit-exceeds-outstanding",
                refund ? $"At most {limit:0.00} {Currency} paid on this invoice can be refunded." : $"At most {limit:0.00} {Currency} is left to credit without a refund.");
        }

        return note;
    }

    /// <summary>Takes an issued credit note's total off this invoice; a refund also takes it off what was paid.</summary>
    public void ApplyCredit(Invoice creditNote, bool refunded)
    {
        if (creditNote.ReferencedInvoiceId != Id || creditNote.IsDraft)
        {
            throw new InvalidOperationException("Only an issued credit note of this invoice applies to it.");
        }

        CreditedAmount += creditNote.Total;
        PaidAmount -= refunded ? creditNote.Total : 0;
        UpdatePaymentStatus();
        Audit(AuditActions.InvoiceCredited, new { creditNote = creditNote.Number, creditNote.Total, refunded });
    }

    /// <summary>Records <paramref name="amount"/> of a payment against this invoice; never more than it asks for.</summary>
    public void ApplyPayment(decimal amount)
    {
        if (Kind != DocumentKind.Invoice || IsDraft || Status == InvoiceStatus.Cancelled)
        {
            throw new DomainRuleException("invoice-not-payable", "Only an issued, not cancelled invoice can be paid.");
        }

        if (amount <= 0 || amount > Outstanding)
        {
            throw new DomainRuleException("payment-exceeds-outstanding", $"This invoice asks for {Outstanding:0.00} {Currency}; overpayment is refused.");
        }

        PaidAmount += amount;
        UpdatePaymentStatus();
    }

    private void UpdatePaymentStatus() =>
        Status = CreditedAmount >= Total ? InvoiceStatus.Cancelled
            : Outstanding == 0 ? InvoiceStatus.Paid
            : PaidAmount > 0 ? InvoiceStatus.PartiallyPaid
            : InvoiceStatus.Issued;

    private InvoiceLineDraft PartialCreditLine(decimal amount)
    {
        if (_lines.Select(l => (l.Category, l.VatRate)).Distinct().Count() != 1)
        {
            throw new DomainRuleException("partial-credit-mixed-vat", "An invoice with several VAT categories or rates is credited in full.");
        }

        // The largest net whose total with VAT does not exceed the amount: at most one halala under it.
        var rate = _lines[0].VatRate;
        var net = InvoiceArithmetic.Round(amount / (1 + rate));
        net -= net + InvoiceArithmetic.Round(net * rate) > amount ? 0.01m : 0m;
        var first = _lines[0];
        return new InvoiceLineDraft(first.Kind, Clip($"Credit: {first.DescriptionEn}"), Clip($"إشعار دائن: {first.DescriptionAr}"),
            1, net, 0, PriceIncludesVat: false, first.Category, first.ExemptionReason, first.SubscriptionId, first.ChargeId);
    }

    private static string Clip(string text) => text.Length <= InvoiceLine.MaxDescriptionLength ? text : text[..InvoiceLine.MaxDescriptionLength];

    private void RequireDraft()
    {
        if (!IsDraft)
        {
            throw new DomainRuleException("invoice-issued", "An issued invoice is never changed; raise a credit note instead.");
        }
    }
}
