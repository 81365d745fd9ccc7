using System.Globalization;
using System.Net;
using System.Text;
using Liyaqa.Domain.Billing;
using QRCoder;

namespace Liyaqa.Api.Features.Billing;

/// <summary>
/// Invoices, credit notes and receipts as printable HTML (A4 print CSS), Arabic (right to left) and English side by
/// side as Saudi invoices are printed, with the ZATCA phase 1 QR code. The QR image carries its payload in
/// <c>data-zatca-qr</c> too, so tools and tests read it without decoding the image.
/// </summary>
public static class PrintedDocuments
{
    private const string Style = """
        <style>
          @page { size: A4; margin: 14mm; }
          body { font-family: "Noto Naskh Arabic", "Segoe UI", Tahoma, sans-serif; font-size: 12px; color: #111; }
          .pair { display: flex; justify-content: space-between; gap: 16px; }
          .pair > div { flex: 1; }
          [dir=rtl] { text-align: right; }
          table { width: 100%; border-collapse: collapse; margin-top: 12px; }
          th, td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; }
          td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
          .totals td { font-weight: bold; }
          img.qr { width: 35mm; height: 35mm; }
          @media print { .noprint { display: none; } }
        </style>
        """;

    /// <summary>Base64 of the phase 1 TLV for an issued document; null for a draft.</summary>
    public static string? QrPayload(Invoice document) =>
        document is { IsDraft: false, Seller: { VatNumber: { } vat } seller, IssuedAt: { } issuedAt }
            ? ZatcaQrCode.Base64(ZatcaQrCode.Phase1(seller.Name, vat, issuedAt, document.Total, document.VatTotal))
            : null;

    public static string Invoice(Invoice document, string? referencedNumber)
    {
        var (titleAr, titleEn) = (document.Kind, document.Type) switch
        {
            (DocumentKind.CreditNote, _) => ("إشعار دائن", "Credit note"),
            (_, InvoiceType.Standard) => ("فاتورة ضريبية", "Tax invoice"),
            _ => ("فاتورة ضريبية مبسطة", "Simplified tax invoice"),
        };
        var html = Begin($"{titleEn} {document.Number}");
        html.Append(Pair($"<h1>{titleAr}</h1>", $"<h1>{titleEn}</h1>"));
        html.Append(Pair(
            $"رقم: {E(document.Number ?? "مسودة")}<br>التاريخ: {document.IssueDate:yyyy-MM-dd} {document.IssueTime:HH:mm}",
            $"No.: {E(document.Number ?? "Draft")}<br>Date: {document.IssueDate:yyyy-MM-dd} {document.IssueTime:HH:mm}"));
        if (referencedNumber is not null)
        {
            html.Append(Pair($"عن الفاتورة {E(referencedNumber)}: {E(document.Reason)}", $"Against invoice {E(referencedNumber)}: {E(document.Reason)}"));
        }

        html.Append(Pair($"<b>البائع</b><br>{Party(document.Seller)}", $"<b>Seller</b><br>{Party(document.Seller)}"));
        html.Append(Pair($"<b>المشتري</b><br>{Party(document.Buyer)}", $"<b>Buyer</b><br>{Party(document.Buyer)}"));
        html.Append("<table><tr><th dir=\"rtl\">الوصف</th><th>Description</th><th>Qty / الكمية</th><th>Unit price / سعر الوحدة</th><th>Discount / الخصم</th>")
            .Append("<th>VAT / الضريبة</th><th>Net / الصافي</th><th>VAT amount / مبلغ الضريبة</th><th>Total / الإجمالي</th></tr>");
        foreach (var line in document.Lines.OrderBy(l => l.LineNumber))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td dir=\"rtl\">{E(line.DescriptionAr)}</td><td>{E(line.DescriptionEn)}</td><td class=\"n\">{line.Quantity:0.###}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{line.UnitPrice:0.00}{(line.PriceIncludesVat ? " *" : string.Empty)}</td><td class=\"n\">{line.Discount:0.00}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{line.Category} {line.VatRate * 100:0.##}%</td><td class=\"n\">{line.NetAmount:0.00}</td><td class=\"n\">{line.VatAmount:0.00}</td><td class=\"n\">{line.GrossAmount:0.00}</td></tr>");
        }

        html.Append("</table><p>* السعر شامل الضريبة / price includes VAT</p><table>");
        foreach (var vat in document.Totals.Breakdown)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td dir=\"rtl\">الخاضع للضريبة {vat.Category} {vat.Rate * 100:0.##}%</td><td>Taxable {vat.Category} {vat.Rate * 100:0.##}%</td><td class=\"n\">{vat.Taxable:0.00}</td><td class=\"n\">{vat.Vat:0.00}</td></tr>");
        }

        html.Append(Row("الإجمالي غير شامل الضريبة", "Total excluding VAT", document.NetTotal, document.Currency))
            .Append(Row("مجموع ضريبة القيمة المضافة", "Total VAT", document.VatTotal, document.Currency))
            .Append(Row("الإجمالي شامل الضريبة", "Total including VAT", document.Total, document.Currency))
            .Append("</table>");
        if (QrPayload(document) is { } qr)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><img class=\"qr\" alt=\"ZATCA QR\" data-zatca-qr=\"{qr}\" src=\"data:image/png;base64,{Convert.ToBase64String(QrPng(qr))}\"></p>");
        }

        return End(html);
    }

    public static string Receipt(Payment payment, string sellerName, IReadOnlyDictionary<Guid, string?> invoiceNumbers)
    {
        var (titleAr, titleEn) = payment.IsRefund ? ("إيصال استرداد", "Refund receipt") : ("إيصال دفع", "Payment receipt");
        var html = Begin($"{titleEn} {payment.Number}");
        html.Append(Pair($"<h1>{titleAr}</h1>{E(sellerName)}", $"<h1>{titleEn}</h1>{E(sellerName)}"));
        html.Append(Pair(
            $"رقم: {E(payment.Number)}<br>التاريخ: {payment.ReceivedAt:yyyy-MM-dd HH:mm} UTC<br>طريقة الدفع: {payment.Method}",
            $"No.: {E(payment.Number)}<br>Date: {payment.ReceivedAt:yyyy-MM-dd HH:mm} UTC<br>Method: {payment.Method}"));
        html.Append("<table><tr><th dir=\"rtl\">الفاتورة</th><th>Invoice</th><th>Amount / المبلغ</th></tr>");
        foreach (var allocation in payment.Allocations)
        {
            var number = E(invoiceNumbers.GetValueOrDefault(allocation.InvoiceId));
            html.Append(CultureInfo.InvariantCulture, $"<tr><td dir=\"rtl\">{number}</td><td>{number}</td><td class=\"n\">{allocation.Amount:0.00} {payment.Currency}</td></tr>");
        }

        html.Append(Row("المبلغ", "Amount", payment.Amount, payment.Currency)).Append("</table>");
        return End(html);
    }

    public static byte[] QrPng(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(5);
    }

    private static StringBuilder Begin(string title) =>
        new StringBuilder("<!DOCTYPE html><html lang=\"ar\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>").Append(Style).Append("</head><body>");

    private static string End(StringBuilder html) => html.Append("</body></html>").ToString();

    private static string Pair(string arabic, string english) => $"<div class=\"pair\"><div dir=\"rtl\" lang=\"ar\">{arabic}</div><div dir=\"ltr\" lang=\"en\">{english}</div></div>";

    private static string Row(string arabic, string english, decimal amount, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"<tr class=\"totals\"><td dir=\"rtl\">{arabic}</td><td>{english}</td><td class=\"n\" colspan=\"2\">{amount:0.00} {currency}</td></tr>");

    private static string Party(InvoiceParty? party) => party is null
        ? string.Empty
        : $"{E(party.Name)}{(party.VatNumber is { } vat ? $"<br>VAT / الرقم الضريبي: {E(vat)}" : string.Empty)}{(party.Address is { } address ? $"<br>{E(address.OneLine())}" : string.Empty)}";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
