using System.Text;
using Liyaqa.Domain.Billing;

namespace Liyaqa.UnitTests;

/// <summary>The phase 1 QR TLV against bytes worked out by hand.</summary>
public sealed class ZatcaQrCodeTests
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 1, 31, 12, 15, 0, TimeSpan.FromHours(3));

    // Tags 2-5, the same for both sellers: "310122393500003", "2026-01-31T09:15:00Z", "230.00", "30.00".
    private const string Rest =
        "020F" + "333130313232333933353030303033"
        + "0314" + "323032362D30312D33315430393A31353A30305A"
        + "0406" + "3233302E3030"
        + "0505" + "33302E3030";

    [Fact]
    public void A_Latin_seller_name_is_one_byte_per_letter()
    {
        var tlv = ZatcaQrCode.Phase1("Liyaqa Gym", "310122393500003", IssuedAt, 230m, 30m);

        // "Liyaqa Gym": 10 bytes.
        Assert.Equal("010A" + "4C69796171612047796D" + Rest, Convert.ToHexString(tlv));
    }

    [Fact]
    public void An_Arabic_seller_name_counts_its_UTF8_bytes_not_its_letters()
    {
        var tlv = ZatcaQrCode.Phase1("نادي لياقة", "310122393500003", IssuedAt, 230m, 30m);

        // ن D986, ا D8A7, د D8AF, ي D98A, space 20, ل D984, ي D98A, ا D8A7, ق D982, ة D8A9: 10 characters, 19 bytes.
        Assert.Equal("0113" + "D986D8A7D8AFD98A20D984D98AD8A7D982D8A9" + Rest, Convert.ToHexString(tlv));
        Assert.Equal("ARPZhtin2K/ZiiDZhNmK2KfZgtip", ZatcaQrCode.Base64(tlv)[..28]);
    }

    [Fact]
    public void A_value_of_128_bytes_or_more_has_its_length_in_one_unsigned_byte_and_over_255_is_refused()
    {
        var name = new string('ص', 100); // 200 bytes: length byte 0xC8
        var tlv = ZatcaQrCode.Tlv([(1, Encoding.UTF8.GetBytes(name)), (2, Encoding.UTF8.GetBytes("3"))]);

        Assert.Equal((1, 0xC8), (tlv[0], tlv[1]));
        Assert.Equal(name, Encoding.UTF8.GetString(tlv, 2, 200));
        Assert.Equal([2, 1, (byte)'3'], tlv[202..]);
        Assert.Equal(0x80, ZatcaQrCode.Tlv([(1, new byte[128])])[1]);
        Assert.Equal(0xFF, ZatcaQrCode.Tlv([(1, new byte[255])])[1]);
        Assert.Throws<ArgumentException>(() => ZatcaQrCode.Tlv([(1, new byte[256])]));
        Assert.False(ZatcaQrCode.Fits(new string('ص', 128)));
    }
}
