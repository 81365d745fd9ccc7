using System.Diagnostics.Metrics;
using Liyaqa.Domain.Billing;

namespace Liyaqa.Api.Features.Billing;

/// <summary>
/// <c>liyaqa_invoices_total{type}</c> (invoice, credit-note) and <c>liyaqa_payments_total{method,result}</c>, with the
/// amounts in SAR (<c>liyaqa_invoiced_sar_total</c>, <c>liyaqa_paid_sar_total</c>). Every label value starts at 0.
/// </summary>
public static class BillingMetrics
{
    private static readonly Meter Meter = new("Liyaqa.Billing");
    private static readonly Counter<long> Invoices = Meter.CreateCounter<long>("liyaqa.invoices", description: "Invoices and credit notes issued, by type");
    private static readonly Counter<long> Payments = Meter.CreateCounter<long>("liyaqa.payments", description: "Payments by method and result (received, refunded, refused, declined by the gateway, unallocated)");
    private static readonly Counter<long> Suspensions = Meter.CreateCounter<long>("liyaqa.memberships_suspended", description: "Memberships suspended after every attempt to collect their renewal failed");
    private static readonly Counter<decimal> Invoiced = Meter.CreateCounter<decimal>("liyaqa.invoiced_sar", description: "Amount issued with VAT, by type");
    private static readonly Counter<decimal> Paid = Meter.CreateCounter<decimal>("liyaqa.paid_sar", description: "Amount received (refunds negative), by method");

    public static void Initialise()
    {
        foreach (var kind in Enum.GetValues<DocumentKind>())
        {
            Invoices.Add(0, Type(kind));
            Invoiced.Add(0, Type(kind));
        }

        foreach (var method in Enum.GetValues<PaymentMethod>())
        {
            foreach (var result in new[] { "received", "refunded", "refused", "declined", "unallocated" })
            {
                Payments.Add(0, new("method", method.ToString()), new("result", result));
            }

            Paid.Add(0, new KeyValuePair<string, object?>("method", method.ToString()));
        }

        Suspensions.Add(0);
    }

    public static void Suspended() => Suspensions.Add(1);

    public static void Issued(Invoice document)
    {
        Invoices.Add(1, Type(document.Kind));
        Invoiced.Add(document.Total, Type(document.Kind));
    }

    public static void Payment(PaymentMethod method, string result, decimal amount)
    {
        Payments.Add(1, new("method", method.ToString()), new("result", result));
        Paid.Add(amount, new KeyValuePair<string, object?>("method", method.ToString()));
    }

    private static KeyValuePair<string, object?> Type(DocumentKind kind) => new("type", kind == DocumentKind.Invoice ? "invoice" : "credit-note");
}
