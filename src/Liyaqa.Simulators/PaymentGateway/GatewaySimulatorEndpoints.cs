using System.Security.Cryptography;
using System.Text;

namespace Liyaqa.Simulators.PaymentGateway;

/// <summary>
/// The payment gateway's REST API, shaped like the Saudi gateways' (Moyasar, HyperPay, Tap): card tokens, charges by
/// token with an <c>Idempotency-Key</c>, amounts in halalas, SAR only, a secret key on every call, signed webhooks.
/// </summary>
public static class GatewaySimulatorEndpoints
{
    public static WebApplicationBuilder AddPaymentGatewaySimulator(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewaySimulatorOptions>().BindConfiguration(GatewaySimulatorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(nameof(WebhookSender), client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        builder.Services.AddSingleton<SimulatedGateway>();
        return builder;
    }

    public static WebApplication MapPaymentGatewaySimulator(this WebApplication app)
    {
        var v1 = app.MapGroup("/v1").AddEndpointFilter(async (context, next) =>
            HasSecretKey(context.HttpContext) ? await next(context) : Error(StatusCodes.Status401Unauthorized, "authentication_error", "Invalid API key."));
        v1.MapPost("/tokens", Tokenize);
        v1.MapGet("/tokens/{id}", (string id, SimulatedGateway gateway) =>
            gateway.FindToken(id) is { } token ? Results.Ok(token) : Error(StatusCodes.Status404NotFound, "invalid_request_error", "No such token."));
        v1.MapPost("/charges", ChargeAsync);
        v1.MapPost("/charges/{id}/refunds", Refund);
        v1.MapGet("/charges/{id}", (string id, SimulatedGateway gateway) =>
            gateway.FindCharge(id) is { } charge ? Results.Ok(charge) : Error(StatusCodes.Status404NotFound, "invalid_request_error", "No such charge."));
        return app;
    }

    private static IResult Tokenize(TokenRequest request, SimulatedGateway gateway, TimeProvider clock)
    {
        var number = new string((request.Number ?? string.Empty).Where(c => c != ' ').ToArray());
        var today = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (number.Length is < 12 or > 19 || !number.All(char.IsAsciiDigit) || !TestCards.PassesLuhn(number))
        {
            errors["number"] = ["The card number is invalid."];
        }

        if (request.ExpiryMonth is < 1 or > 12 || request.ExpiryYear < today.Year || (request.ExpiryYear == today.Year && request.ExpiryMonth < today.Month))
        {
            errors["expiry"] = ["The card has expired or the expiry date is invalid."];
        }

        if (request.Cvc is not { Length: 3 or 4 } cvc || !cvc.All(char.IsAsciiDigit))
        {
            errors["cvc"] = ["The security code must be 3 or 4 digits."];
        }

        return errors.Count > 0
            ? Results.Json(new GatewayError("card_error", "The card details are invalid.", errors), statusCode: StatusCodes.Status422UnprocessableEntity)
            : Results.Created((string?)null, gateway.Tokenize(request, number));
    }

    private static async Task<IResult> ChargeAsync(HttpContext http, ChargeRequest request, SimulatedGateway gateway, CancellationToken ct)
    {
        if (http.Request.Headers["Idempotency-Key"].ToString() is not { Length: > 0 and <= 255 } key)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request_error", "An Idempotency-Key header (at most 255 characters) is required.");
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Amount is < 100 or > 100_000_000)
        {
            errors["amount"] = ["The amount is in halalas, at least 100 (1.00 SAR) and at most 100000000."];
        }

        if (!string.Equals(request.Currency, "SAR", StringComparison.OrdinalIgnoreCase))
        {
            errors["currency"] = ["Only SAR is supported."];
        }

        if (request.Source?.Token is not { } token || gateway.FindToken(token) is null)
        {
            errors["source"] = ["No such card token."];
        }

        if (request.CallbackUrl is { } callback && !(Uri.TryCreate(callback, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            errors["callbackUrl"] = ["An absolute http(s) URL."];
        }

        if ((request.Description?.Length ?? 0) > 255 || (request.Metadata?.Count ?? 0) > 20)
        {
            errors["description"] = ["At most 255 characters and 20 metadata keys."];
        }

        if (errors.Count > 0)
        {
            return Results.Json(new GatewayError("invalid_request_error", "The charge request is invalid.", errors), statusCode: StatusCodes.Status400BadRequest);
        }

        if (await gateway.ChargeAsync(key, request, ct) is not { } answer)
        {
            return Error(StatusCodes.Status409Conflict, "idempotency_error", "This Idempotency-Key was used for another request.");
        }

        if (answer.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return answer.Replayed ? Results.Ok(answer.Charge) : Results.Created($"/v1/charges/{answer.Charge.Id}", answer.Charge);
    }

    private static IResult Refund(string id, HttpContext http, RefundRequest request, SimulatedGateway gateway)
    {
        if (http.Request.Headers["Idempotency-Key"].ToString() is not { Length: > 0 and <= 255 } key)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request_error", "An Idempotency-Key header (at most 255 characters) is required.");
        }

        if (gateway.FindCharge(id) is null)
        {
            return Error(StatusCodes.Status404NotFound, "invalid_request_error", "No such charge.");
        }

        return gateway.RefundCharge(id, key, request.Amount) switch
        {
            ({ } refund, _) => Results.Ok(refund),
            (_, "idempotency") => Error(StatusCodes.Status409Conflict, "idempotency_error", "This Idempotency-Key was used for another request."),
            (_, var error) => Error(StatusCodes.Status422UnprocessableEntity, "invalid_request_error", error!),
        };
    }

    private static bool HasSecretKey(HttpContext http)
    {
        var expected = Encoding.UTF8.GetBytes($"Bearer {http.RequestServices.GetRequiredService<SimulatedGateway>().Options.SecretKey}");
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(http.Request.Headers.Authorization.ToString()), expected);
    }

    private static IResult Error(int status, string type, string message) => Results.Json(new GatewayError(type, message), statusCode: status);
}
