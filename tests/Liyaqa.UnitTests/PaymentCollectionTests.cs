using Liyaqa.Domain.Billing;

namespace Liyaqa.UnitTests;

public sealed class PaymentCollectionTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 7, 0, 0, TimeSpan.FromHours(3));

    private static PaymentCollection Collection()
    {
        var invoice = Invoice.Draft(Guid.NewGuid(), InvoiceType.Simplified, new InvoiceParty("Sara", null, null), "SAR", Now);
        return PaymentCollection.Start(invoice, Guid.NewGuid(), Today, Now);
    }

    [Fact]
    public void Failed_charges_are_retried_on_the_clubs_days_after_the_first_failure_and_the_last_failure_suspends()
    {
        var collection = Collection();
        Assert.Equal(Today, collection.NextAttemptOn);

        Assert.False(collection.Failed("insufficient funds", Today, [1, 3, 7]));
        Assert.Equal(Today.AddDays(1), collection.NextAttemptOn);
        Assert.False(collection.Failed("insufficient funds", Today.AddDays(1), [1, 3, 7]));
        Assert.Equal(Today.AddDays(3), collection.NextAttemptOn);
        Assert.False(collection.Failed("do not honor", Today.AddDays(3), [1, 3, 7]));
        Assert.Equal(Today.AddDays(7), collection.NextAttemptOn);

        Assert.True(collection.Failed("do not honor", Today.AddDays(7), [1, 3, 7]));
        Assert.Equal((CollectionStatus.Suspended, 4, "do not honor"), (collection.Status, collection.FailedAttempts, collection.LastFailure));
        Assert.True(collection.Collected(Now.AddDays(8)));
        Assert.Equal(CollectionStatus.Collected, collection.Status);
    }

    [Fact]
    public void A_club_without_retries_suspends_at_the_first_failure_and_a_collection_paid_in_time_resumes_nothing()
    {
        Assert.True(Collection().Failed("expired card", Today, []));

        var paidInTime = Collection();
        paidInTime.Failed("insufficient funds", Today, [1, 3]);
        Assert.False(paidInTime.Collected(Now));
    }

    [Fact]
    public void A_gateway_charge_takes_the_first_final_answer_and_ignores_a_repeated_one()
    {
        var invoice = Invoice.Draft(Guid.NewGuid(), InvoiceType.Simplified, new InvoiceParty("Sara", null, null), "SAR", Now);
        invoice.AddLines([new InvoiceLineDraft(InvoiceItemKind.Product, "Water", "ماء", 1, 2.30m, 0, true)], 0.15m);
        invoice.Issue("INV-2026-000001", new InvoiceParty("Club", "310122393500003", new PostalAddress("King Fahd Road", "1234", "Al Olaya", "Riyadh", "12211")), Now, TimeZoneInfo.Utc);
        var charge = GatewayCharge.Request(invoice, 2.30m, GatewayChargePurpose.Online, null, "simulator", "card:1", Now);

        charge.TimedOut();
        Assert.Equal(GatewayChargeStatus.Unknown, charge.Status);
        Assert.True(charge.Record(new GatewayOutcome("ch_1", GatewayChargeStatus.Declined, "insufficient_funds", "The card has insufficient funds."), Now));
        Assert.False(charge.Record(new GatewayOutcome("ch_1", GatewayChargeStatus.Paid), Now));
        charge.TimedOut();
        Assert.Equal((GatewayChargeStatus.Declined, "insufficient_funds"), (charge.Status, charge.DeclineCode));
        Assert.Throws<Liyaqa.Domain.Common.DomainValidationException>(() => GatewayCharge.Request(invoice, 2.31m, GatewayChargePurpose.Online, null, "simulator", "card:2", Now));
    }
}
