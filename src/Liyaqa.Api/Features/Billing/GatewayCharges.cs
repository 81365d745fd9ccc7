using Liyaqa.Api.Features.Billing.Gateway;
using Liyaqa.Api.Features.Notifications;
using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Notifications.Templates;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Billing;

/// <summary>
/// Takes card money for an invoice through the <see cref="IPaymentGateway"/>. The charge is committed before the gateway
/// is called, each in its own transaction, so no answer is lost: a paid charge records its payment (and receipt
/// message) exactly once, whether the answer comes back at once, by webhook, or by asking again with the same key
/// after a timeout; a declined one moves its renewal collection on.
/// </summary>
public sealed class GatewayCharges(IServiceScopeFactory scopes, IPaymentGateway gateway, TimeProvider clock, ILogger<GatewayCharges> logger)
{
    /// <summary>Asks the gateway (again, for an unsettled charge) and applies its answer.</summary>
    public async Task<GatewayCharge> SendAsync(Guid tenantId, GatewayCharge charge, string cardToken, string description, CancellationToken ct)
    {
        GatewayOutcome? outcome = null;
        try
        {
            outcome = await gateway.ChargeAsync(new GatewayChargeRequest(charge.IdempotencyKey, charge.Amount, charge.Currency, cardToken, description, tenantId, charge.Id), ct);
        }
        catch (GatewayTimeoutException timeout)
        {
            logger.LogWarning("Charge {Charge} of {Amount} {Currency}: {Reason}; it settles by webhook or the next attempt with the same key", charge.Id, charge.Amount, charge.Currency, timeout.Message);
        }

        return await scopes.RunAsync(tenantId, (services, db) => ApplyAsync(services, db, charge.Id, outcome, ct), ct)
            ?? throw new InvalidOperationException($"Charge {charge.Id} vanished.");
    }

    /// <summary>Applies a verified webhook in its club; null when the charge is not the club's.</summary>
    public Task<GatewayCharge?> ApplyWebhookAsync(GatewayWebhook webhook, CancellationToken ct) =>
        scopes.RunAsync(webhook.TenantId, (services, db) => ApplyAsync(services, db, webhook.ChargeId, webhook.Outcome, ct), ct);

    /// <summary>Records a charge in its own committed transaction before the gateway hears of it.</summary>
    public Task<GatewayCharge> SaveAsync(Guid tenantId, GatewayCharge charge, CancellationToken ct) => scopes.RunAsync(tenantId, async (_, db) =>
    {
        db.GatewayCharges.Add(charge);
        await db.SaveChangesAsync(ct);
        return charge;
    }, ct);

    private async Task<GatewayCharge?> ApplyAsync(IServiceProvider services, LiyaqaDbContext db, Guid chargeId, GatewayOutcome? outcome, CancellationToken ct)
    {
        // The charge's row lock orders a webhook and the direct answer: whichever comes second finds the charge settled.
        var charge = await db.GatewayCharges.FromSql($"SELECT * FROM gateway_charges WHERE id = {chargeId} FOR UPDATE").SingleOrDefaultAsync(ct);
        if (charge is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (outcome is null)
        {
            charge.TimedOut();
        }
        else if (charge.Record(outcome, now))
        {
            if (charge.Status == GatewayChargeStatus.Paid)
            {
                await RecordPaymentAsync(services, db, charge, ct);
            }
            else if (charge.Status == GatewayChargeStatus.Declined)
            {
                BillingMetrics.Payment(PaymentMethod.Online, "declined", 0);
                if (charge.CollectionId is { } collectionId)
                {
                    var collection = await db.PaymentCollections.SingleAsync(c => c.Id == collectionId, ct);
                    var invoice = await db.Invoices.SingleAsync(i => i.Id == charge.InvoiceId, ct);
                    await services.GetRequiredService<RenewalCollections>().FailAsync(collection, invoice, charge.DeclineMessage!, await db.CurrentTenantAsync(ct), ct);
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return charge;
    }

    private async Task RecordPaymentAsync(IServiceProvider services, LiyaqaDbContext db, GatewayCharge charge, CancellationToken ct)
    {
        var tenant = await db.CurrentTenantAsync(ct);
        var invoice = await db.Invoices.FromSql($"SELECT *, xmin FROM invoices WHERE id = {charge.InvoiceId} FOR UPDATE").SingleAsync(ct);
        if (invoice.Outstanding < charge.Amount)
        {
            // Paid at the desk while the card charge was on its way: the money is at the gateway, for staff to refund there.
            logger.LogError("Charge {Charge} paid {Amount} {Currency} for invoice {Invoice}, which owes only {Outstanding}: refund it at the gateway",
                charge.Id, charge.Amount, charge.Currency, invoice.Number, invoice.Outstanding);
            BillingMetrics.Payment(PaymentMethod.Online, "unallocated", 0);
            return;
        }

        var now = clock.GetUtcNow();
        var invoicing = services.GetRequiredService<Invoicing>();
        var payment = Payment.Receive(await invoicing.NextNumberAsync(tenant, "RCT", now, ct), charge.MemberId, PaymentMethod.Online, charge.Amount, charge.Currency,
            null, charge.GatewayReference, [invoice], now);
        db.Payments.Add(payment);
        charge.Recorded(payment);
        await services.GetRequiredService<RenewalCollections>().SettlePaidAsync([invoice], ct);
        BillingMetrics.Payment(PaymentMethod.Online, "received", payment.Amount);

        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == charge.MemberId, ct);
        await services.GetRequiredService<Outbox>().QueueForMemberAsync(tenant, member, MessageTemplates.PaymentReceipt, new Dictionary<string, object?>
        {
            ["amount"] = new Money(payment.Amount, payment.Currency),
            ["paidAt"] = tenant.DateAt(now),
            ["invoiceNumber"] = invoice.Number,
            ["description"] = await db.Invoices.Where(i => i.Id == invoice.Id).SelectMany(i => i.Lines)
                .Select(l => member.Language == Languages.Arabic ? l.DescriptionAr : l.DescriptionEn).FirstOrDefaultAsync(ct) ?? invoice.Number,
        }, ct);
    }
}
