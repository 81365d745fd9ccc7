namespace Liyaqa.Simulators.PaymentGateway;

/// <summary>What a charge on a card does, by its number, as gateways' sandbox test cards work.</summary>
public enum CardBehaviour
{
    Approve,
    Decline,
    RespondSlowly,
    SettleLater,
    FailLater,
}

/// <summary>The simulator's test cards; any other number that passes the checks is approved.</summary>
public static class TestCards
{
    public const string Approved = "4111111111111111";
    public const string Mada = "4464040000000007";
    public const string InsufficientFunds = "4000000000000002";
    public const string DoNotHonor = "4000000000000127";
    public const string Slow = "4000000000000119";
    public const string SettlesLater = "4000000000000077";
    public const string FailsLater = "4000000000000085";

    public static (CardBehaviour Behaviour, string? Code, string? Message) Of(string number) => number switch
    {
        InsufficientFunds => (CardBehaviour.Decline, "insufficient_funds", "The card has insufficient funds."),
        DoNotHonor => (CardBehaviour.Decline, "do_not_honor", "The card's issuer declined the payment."),
        Slow => (CardBehaviour.RespondSlowly, null, null),
        SettlesLater => (CardBehaviour.SettleLater, null, null),
        FailsLater => (CardBehaviour.FailLater, "issuer_unavailable", "The card's issuer did not confirm the payment."),
        _ => (CardBehaviour.Approve, null, null),
    };

    public static string Brand(string number) => number switch
    {
        Mada => "mada",
        ['4', ..] => "visa",
        ['5', ..] or ['2', ..] => "mastercard",
        _ => "card",
    };

    /// <summary>The Luhn check every card number passes.</summary>
    public static bool PassesLuhn(string number)
    {
        var sum = 0;
        for (var i = 0; i < number.Length; i++)
        {
            var digit = number[number.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit = digit * 2 > 9 ? (digit * 2) - 9 : digit * 2;
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }
}
