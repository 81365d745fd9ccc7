using Liyaqa.Api.Features.Billing.Gateway;
using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Common;
using Liyaqa.Infrastructure.Jobs;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Liyaqa.Api.Features.Billing;

/// <summary>
/// Charges the renewals due today to the members' saved cards, club by club: a first attempt on the day the renewal is
/// invoiced, retries on the club's schedule, and charges left without an answer (a timeout, a crash) asked again with
/// their own key, which never charges twice. Outcomes are applied by <see cref="GatewayCharges"/>.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RenewalCollectionJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RenewalCollectionJob> logger) : IJob
{
    public const string Name = "renewal-collection";

    /// <summary>An unanswered charge younger than this may still be on its way; it is asked again later.</summary>
    private static readonly TimeSpan AnswerGrace = TimeSpan.FromMinutes(1);

    /// <summary>Puts the job on the scheduler: hourly, or <c>Jobs:RenewalCollectionCron</c>.</summary>
    public static void Schedule(CronJobs jobs) =>
        jobs.Add<RenewalCollectionJob>(Name, "RenewalCollectionCron", "0 5 * * * ?", "Hourly at :05",
            "Charge due renewals to saved cards; retry failures on the club's schedule; suspend after the last");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var attempts = 0;
        foreach (var tenantId in await scopes.TenantIdsAsync(cancellationToken))
        {
            var due = await scopes.RunAsync(tenantId, (services, db) => PrepareAsync(services, db, cancellationToken), cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var charges = scope.ServiceProvider.GetRequiredService<GatewayCharges>();
            foreach (var (charge, token, description) in due)
            {
                try
                {
                    await charges.SendAsync(tenantId, charge, token, description, cancellationToken);
                    attempts++;
                }
                catch (DomainRuleException refused)
                {
                    // The gateway refused the request itself (not the card): the charge stays unanswered for staff to look at.
                    logger.LogError("Renewal charge {Charge} of club {Tenant} was refused by the gateway: {Reason}", charge.Id, tenantId, refused.Message);
                }
            }
        }

        if (attempts > 0)
        {
            logger.LogInformation("Renewal collection: {Attempts} card charge(s) sent", attempts);
        }
    }

    /// <summary>The charges to send: new attempts for due collections (written here) and earlier ones left unanswered.</summary>
    private async Task<List<(GatewayCharge Charge, string Token, string Description)>> PrepareAsync(IServiceProvider services, LiyaqaDbContext db, CancellationToken ct)
    {
        var tenant = await db.CurrentTenantAsync(ct);
        var now = clock.GetUtcNow();
        var today = tenant.DateAt(now);
        var gateway = services.GetRequiredService<IPaymentGateway>();
        var collections = services.GetRequiredService<RenewalCollections>();
        var unanswered = await db.GatewayCharges.AsNoTracking()
            .Where(c => c.CollectionId != null && (c.Status == GatewayChargeStatus.Requested || c.Status == GatewayChargeStatus.Unknown) && c.CreatedAt < now - AnswerGrace)
            .ToListAsync(ct);
        var due = await db.PaymentCollections
            .Where(c => c.Status == CollectionStatus.Due && c.NextAttemptOn <= today
                && !db.GatewayCharges.Any(g => g.CollectionId == c.Id && g.Status != GatewayChargeStatus.Paid && g.Status != GatewayChargeStatus.Declined))
            .OrderBy(c => c.CreatedAt).Take(500).ToListAsync(ct);

        // The cards and invoices of just these members and collections, each in one query.
        var memberIds = unanswered.Select(c => c.MemberId).Concat(due.Select(c => c.MemberId)).Distinct().ToList();
        var invoiceIds = unanswered.Select(c => c.InvoiceId).Concat(due.Select(c => c.InvoiceId)).Distinct().ToList();
        var cards = await db.PaymentCards.AsNoTracking().Where(c => memberIds.Contains(c.MemberId)).ToDictionaryAsync(c => c.MemberId, c => c.Token, ct);
        var invoices = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);

        // Asked again with the same key and the same request, which the gateway answers with the first outcome.
        var send = unanswered.Where(c => cards.ContainsKey(c.MemberId)).Select(c => (c, cards[c.MemberId], Description(tenant, invoices[c.InvoiceId]))).ToList();
        foreach (var collection in due)
        {
            var invoice = invoices[collection.InvoiceId];
            if (invoice.Outstanding == 0)
            {
                await collections.SettlePaidAsync([invoice], ct);
            }
            else if (!cards.TryGetValue(collection.MemberId, out var token))
            {
                await collections.FailAsync(collection, invoice, "no card is saved for renewals", tenant, ct);
            }
            else
            {
                var charge = GatewayCharge.Request(invoice, invoice.Outstanding, GatewayChargePurpose.Renewal, collection.Id, gateway.Provider,
                    $"renewal:{collection.Id}:{collection.FailedAttempts + 1}", now);
                db.GatewayCharges.Add(charge);
                send.Add((charge, token, Description(tenant, invoice)));
            }
        }

        await db.SaveChangesAsync(ct);
        return send;
    }

    private static string Description(Domain.Tenants.Tenant tenant, Invoice invoice) => $"{tenant.Name} {invoice.Number}";
}
