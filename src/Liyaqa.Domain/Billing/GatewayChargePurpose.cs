namespace Liyaqa.Domain.Billing;

public enum GatewayChargePurpose
{
    /// <summary>Staff or the member paying an invoice by card online.</summary>
    Online,

    /// <summary>The automatic charge of a renewal's invoice to the member's saved card.</summary>
    Renewal,
}
