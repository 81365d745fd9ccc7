using System.Globalization;
using System.Text;

namespace Liyaqa.Domain.Billing;

/// <summary>
/// ZATCA's QR payload: TLV records, each one byte of tag, one byte of length (the value's length in UTF-8 bytes) and the
/// value, base64-encoded. Phase 1 (simplified invoices) holds tags 1-5: seller name, VAT number, timestamp, total with
/// VAT, VAT total. The length is a single unsigned byte as ZATCA's readers expect, so 128-255 bytes are written as one
/// byte 0x80-0xFF (not as a BER long form); a value over 255 bytes cannot be encoded and is refused.
/// </summary>
public static class ZatcaQrCode
{
    public const int MaxValueBytes = byte.MaxValue;

    public const byte SellerNameTag = 1;
    public const byte VatNumberTag = 2;
    public const byte TimestampTag = 3;
    public const byte TotalTag = 4;
    public const byte VatTotalTag = 5;

    /// <summary>The TLV bytes of the records, in the order given.</summary>
    public static byte[] Tlv(IEnumerable<(byte Tag, byte[] Value)> records)
    {
        var bytes = new List<byte>();
        foreach (var (tag, value) in records)
        {
            if (value.Length > MaxValueBytes)
            {
                throw new ArgumentException($"Tag {tag} holds {value.Length} bytes; a TLV value holds at most {MaxValueBytes}.", nameof(records));
            }

            bytes.Add(tag);
            bytes.Add((byte)value.Length);
            bytes.AddRange(value);
        }

        return [.. bytes];
    }

    /// <summary>The phase 1 TLV bytes; the timestamp is written in UTC (<c>2026-01-31T09:15:00Z</c>), amounts with 2 decimals.</summary>
    public static byte[] Phase1(string sellerName, string vatNumber, DateTimeOffset issuedAt, decimal total, decimal vatTotal) =>
        Tlv([
            (SellerNameTag, Encoding.UTF8.GetBytes(sellerName)),
            (VatNumberTag, Encoding.UTF8.GetBytes(vatNumber)),
            (TimestampTag, Encoding.UTF8.GetBytes(issuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))),
            (TotalTag, Encoding.UTF8.GetBytes(total.ToString("0.00", CultureInfo.InvariantCulture))),
            (VatTotalTag, Encoding.UTF8.GetBytes(vatTotal.ToString("0.00", CultureInfo.InvariantCulture))),
        ]);

    /// <summary>What the QR code shows: base64 of the TLV bytes.</summary>
    public static string Base64(byte[] tlv) => Convert.ToBase64String(tlv);

    /// <summary>Whether <paramref name="value"/> fits one TLV record.</summary>
    public static bool Fits(string value) => Encoding.UTF8.GetByteCount(value) <= MaxValueBytes;
}
