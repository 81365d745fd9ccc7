namespace Liyaqa.Domain.Billing;

/// <summary>A tax invoice or a credit note against one; each numbered in its own gap-free series per club.</summary>
public enum DocumentKind
{
    Invoice,
    CreditNote,
}
