using System.Diagnostics.Metrics;
using Liyaqa.Domain.Billing;

namespace Liyaqa.Api.Features.Billing;

/// <summary>
/// <c>liyaqa_invoices_total{type}</c> (invoice, credit-note) and <c>liyaqa_payments_total{method,result}</c>, with the
/// amounts in SAR (<c>liyaqa_invoiced_sar_total{type}</c>, <c>liyaqa_paid_sar_total{method}</c> received and
/// <c>liyaqa_refunded_sar_total{method}</c> paid back). Every label value starts at 0. The amounts are doubles: the
/// OpenTelemetry SDK exports no <c>decimal</c> instrument, and a counter only grows (a refund is not a negative payment,
/// which <c>rate()</c> would read as a reset).
/// </summary>
public static class BillingMetrics
{
    private static readonly Meter Meter = new("Liyaqa.Billing");
    private static readonly Counter<long> Invoices = Meter.CreateCounter<long>("liyaqa.invoices", description: "Invoices and credit notes issued, by type");
    private static readonly Counter<long> Payments = Meter.CreateCounter<long>("liyaqa.payments", description: "Payments by method and result (received, refunded, refused, declined by the gateway, unallocated)");
    private static readonly Counter<long> Suspensions = Meter.CreateCounter<long>("liyaqa.memberships_suspended", description: "Memberships suspended after every attempt to collect their renewal failed");
    private static readonly Counter<double> Invoiced = Meter.CreateCounter<double>("liyaqa.invoiced_sar", description: "Amount issued with VAT, by type");
    private static readonly Counter<double> Paid = Meter.CreateCounter<double>("liyaqa.paid_sar", description: "Amount received, by method");
    private static readonly Counter<double> Refunded = Meter.CreateCounter<double>("liyaqa.refunded_sar", description: "Amount refunded, by method");

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

            Paid.Add(0, Method(method));
            Refunded.Add(0, Method(method));
        }

        Suspensions.Add(0);
    }

    public static void Suspended() => Suspensions.Add(1);

    public static void Issued(Invoice document)
    {
        Invoices.Add(1, Type(document.Kind));
        Invoiced.Add((double)document.Total, Type(document.Kind));
    }

    /// <summary>A payment received, refunded or refused; <paramref name="amount"/> is negative for a refund.</summary>
    public static void Payment(PaymentMethod method, string result, decimal amount)
    {
        Payments.Add(1, new("method", method.ToString()), new("result", result));
        (amount < 0 ? Refunded : Paid).Add((double)Math.Abs(amount), Method(method));
    }

    private static KeyValuePair<string, object?> Method(PaymentMethod method) => new("method", method.ToString());

    private static KeyValuePair<string, object?> Type(DocumentKind kind) => new("type", kind == DocumentKind.Invoice ? "invoice" : "credit-note");
}
