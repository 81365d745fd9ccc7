using Microsoft.AspNetCore.Http.HttpResults;

namespace Liyaqa.Api.Features.Billing.Gateway;

public static class GatewayProblems
{
    /// <summary>The gateway did not answer in time: nothing was recorded, and a retry with the same Idempotency-Key is safe.</summary>
    public static ProblemHttpResult NoAnswer() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "The payment gateway did not answer.",
        detail: "Nothing was recorded; try again in a moment (the same Idempotency-Key never pays twice).",
        extensions: new Dictionary<string, object?> { ["code"] = "gateway-no-answer" });
}
