using Liyaqa.Api.Features.Billing.Gateway;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liyaqa.Api.Features.Billing;

/// <summary>
/// Where the payment gateway tells the outcome of charges (delayed settlement, answers that timed out). Anonymous, as
/// webhooks are: only a body whose signature verifies with the webhook secret is taken; the charge it names is
/// applied in its club, once however often the gateway repeats it.
/// </summary>
public static class GatewayWebhookEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    public static WebApplication MapGatewayWebhook(this WebApplication app)
    {
        app.MapPost(PaymentGatewayOptions.WebhookPath, ReceiveAsync).AllowAnonymous().WithTags("Billing").ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok, NotFound, ProblemHttpResult>> ReceiveAsync(HttpRequest request, IPaymentGateway gateway, GatewayCharges charges, CancellationToken ct)
    {
        if (request.ContentLength is > MaxBodyBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The webhook is too large.");
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(ct);
        if (body.Length > MaxBodyBytes || gateway.ReadWebhook(body, request.Headers) is not { } webhook)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The webhook's signature does not verify.");
        }

        return await charges.ApplyWebhookAsync(webhook, ct) is null ? TypedResults.NotFound() : TypedResults.Ok();
    }
}
