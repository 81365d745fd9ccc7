using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Liyaqa.Api.Common.Idempotency;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Api.Features.Billing.Gateway;
using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Common;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Billing;

/// <summary>
/// Card payments through the payment gateway: charging an invoice to a card token or the member's saved card, the
/// member's saved card itself, and the charges and renewal collections staff follow up.
/// </summary>
public static class CardPaymentEndpoints
{
    public const string Route = "/api/payments/card";

    public static WebApplication MapCardPayments(this WebApplication app)
    {
        app.MapTenantGroup(Route, Permissions.PaymentsRecord).WithTags("Billing")
            .MapPost("/", ChargeAsync).WithIdempotencyKey()
            .WithSummary("Charge an invoice to a card through the payment gateway: 201 paid, 202 pending (settled by the gateway's webhook), 422 declined.");
        var read = app.MapTenantGroup("/api", Permissions.InvoicesRead).WithTags("Billing");
        read.MapGet("/payments/card-charges", ListChargesAsync).WithSummary("Card charges, newest first: paid, pending, unknown (no answer yet) and declined with the reason; filter by memberId.");
        read.MapGet("/payments/collections", ListCollectionsAsync).WithSummary("Renewals being collected from saved cards, with failed attempts and the next try; filter by status.");
        read.MapGet("/members/{id:guid}/payment-card", GetCardAsync).WithSummary("The member's saved card (brand, last 4 digits, expiry).");
        var cards = app.MapTenantGroup("/api/members/{id:guid}/payment-card", Permissions.PaymentsRecord).WithTags("Billing");
        cards.MapPut("/", SaveCardAsync).WithSummary("Save the card behind a gateway token as the member's card for renewals (replaces the previous one).");
        cards.MapDelete("/", RemoveCardAsync).WithSummary("Forget the member's saved card.");
        return app;
    }

    private static async Task<Results<Created<GatewayChargeResponse>, Accepted<GatewayChargeResponse>, NotFound>> ChargeAsync(
        CardPaymentRequest request, HttpContext http, LiyaqaDbContext db, GatewayCharges charges, IPaymentGateway gateway, TimeProvider clock, CancellationToken ct)
    {
        var tenant = await db.CurrentTenantAsync(ct);
        if (await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == request.InvoiceId && i.MemberId == request.MemberId && i.Kind == DocumentKind.Invoice, ct) is not { } invoice)
        {
            return TypedResults.NotFound();
        }

        var key = ChargeKey(http);
        var charge = await db.GatewayCharges.AsNoTracking().SingleOrDefaultAsync(c => c.IdempotencyKey == key, ct);
        if (charge is null)
        {
            if (invoice.Status is not (InvoiceStatus.Issued or InvoiceStatus.PartiallyPaid))
            {
                throw new DomainRuleException("invoice-not-payable", "Only an issued invoice with something left to pay can be paid.");
            }

            charge = await charges.SaveAsync(tenant.Id, GatewayCharge.Request(invoice, request.Amount ?? invoice.Outstanding, GatewayChargePurpose.Online, null, gateway.Provider, key, clock.GetUtcNow()), ct);
        }

        if (!charge.IsFinal)
        {
            var token = request.CardToken ?? (await db.PaymentCards.AsNoTracking().SingleOrDefaultAsync(c => c.MemberId == request.MemberId, ct))?.Token
                ?? throw new DomainRuleException("no-payment-card", "The member has no saved card: give a card token.");
            charge = await charges.SendAsync(tenant.Id, charge, token, $"{tenant.Name} {invoice.Number}", ct);
        }

        var response = GatewayChargeResponse.From(charge);
        return charge.Status switch
        {
            GatewayChargeStatus.Paid => TypedResults.Created($"{PaymentEndpoints.Route}/{charge.PaymentId}", response),
            GatewayChargeStatus.Declined => throw new DomainRuleException("payment-declined", $"The card was declined: {charge.DeclineMessage}"),
            _ => TypedResults.Accepted($"/api/payments/card-charges?memberId={charge.MemberId}", response),
        };
    }

    /// <summary>The gateway's key for this request: from the caller's Idempotency-Key, so a retry never charges twice; else new.</summary>
    private static string ChargeKey(HttpContext http)
    {
        if (!http.Request.Headers.TryGetValue(IdempotencyKeys.Header, out var key))
        {
            return $"card:{Guid.CreateVersion7()}";
        }

        var caller = http.User.FindFirstValue(AccessTokens.Claims.Subject);
        return $"card:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{caller}\n{key}")))}";
    }

    private static async Task<Ok<List<GatewayChargeResponse>>> ListChargesAsync(LiyaqaDbContext db, CancellationToken ct, Guid? memberId = null) =>
        TypedResults.Ok((await db.GatewayCharges.AsNoTracking().Where(c => memberId == null || c.MemberId == memberId)
            .OrderByDescending(c => c.CreatedAt).Take(200).ToListAsync(ct)).Select(GatewayChargeResponse.From).ToList());

    private static async Task<Ok<List<PaymentCollectionResponse>>> ListCollectionsAsync(LiyaqaDbContext db, CancellationToken ct, CollectionStatus? status = null, Guid? memberId = null) =>
        TypedResults.Ok((await db.PaymentCollections.AsNoTracking().Where(c => (status == null || c.Status == status) && (memberId == null || c.MemberId == memberId))
            .OrderByDescending(c => c.CreatedAt).Take(200).ToListAsync(ct)).Select(PaymentCollectionResponse.From).ToList());

    private static async Task<Results<Ok<PaymentCardResponse>, NotFound>> GetCardAsync(Guid id, LiyaqaDbContext db, CancellationToken ct) =>
        await db.PaymentCards.AsNoTracking().SingleOrDefaultAsync(c => c.MemberId == id, ct) is { } card ? TypedResults.Ok(PaymentCardResponse.From(card)) : TypedResults.NotFound();

    private static async Task<Results<Ok<PaymentCardResponse>, NotFound, ProblemHttpResult>> SaveCardAsync(Guid id, PaymentCardRequest request, LiyaqaDbContext db, IPaymentGateway gateway, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Members.AnyAsync(m => m.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(request.Token))
        {
            throw new DomainValidationException("token", "The card token the payment gateway gave.");
        }

        CardDetails? details;
        try
        {
            details = await gateway.DescribeCardAsync(request.Token.Trim(), ct);
        }
        catch (GatewayTimeoutException)
        {
            return GatewayProblems.NoAnswer();
        }

        if (details is null)
        {
            throw new DomainValidationException("token", "The payment gateway does not know this card token.");
        }

        if (await db.PaymentCards.SingleOrDefaultAsync(c => c.MemberId == id, ct) is { } previous)
        {
            await ForgetAsync(db, previous, ct);
        }

        var card = PaymentCard.Save(id, gateway.Provider, details.Token, details.Brand, details.Last4, details.ExpiryMonth, details.ExpiryYear, clock.GetUtcNow());
        db.PaymentCards.Add(card);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PaymentCardResponse.From(card));
    }

    private static async Task<Results<NoContent, NotFound>> RemoveCardAsync(Guid id, LiyaqaDbContext db, CancellationToken ct)
    {
        if (await db.PaymentCards.SingleOrDefaultAsync(c => c.MemberId == id, ct) is not { } card)
        {
            return TypedResults.NotFound();
        }

        await ForgetAsync(db, card, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Deletes the saved card, audited (written at once: a member has one card, and a replacement follows).</summary>
    private static async Task ForgetAsync(LiyaqaDbContext db, PaymentCard card, CancellationToken ct)
    {
        card.Remove();
        db.PaymentCards.Remove(card);
        await db.SaveChangesAsync(ct);
    }
}
