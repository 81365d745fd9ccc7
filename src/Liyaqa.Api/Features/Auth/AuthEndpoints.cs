using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liyaqa.Api.Features.Auth;

/// <summary>Signing in and out: tokens for a club's users.</summary>
public static class AuthEndpoints
{
    public const string TenantHeader = "X-Tenant-Id";

    public static WebApplication MapAuth(this WebApplication app)
    {
        var anonymous = app.MapGroup("/api/auth").WithTags("Auth").AllowAnonymous().AddEndpointFilter(TenantFromHeader.RequireAsync);
        anonymous.MapPost("/login", Login.HandleAsync)
            .AddEndpointFilter(new SignInRateLimit(SignInRateLimit.Login, context => context.Arguments.OfType<LoginRequest>().FirstOrDefault()?.Email))
            .WithSummary("Sign in to the club named by the X-Tenant-Id header; returns an access and a refresh token.");
        anonymous.MapPost("/refresh", Refresh.HandleAsync)
            .AddEndpointFilter(new SignInRateLimit("refresh", _ => null))
            .WithSummary("Trade a refresh token for new tokens; a spent refresh token ends its whole session.");
        anonymous.MapPost("/password-reset", PasswordReset.RequestAsync)
            .AddEndpointFilter(new SignInRateLimit(SignInRateLimit.PasswordReset, context => context.Arguments.OfType<PasswordResetRequest>().FirstOrDefault()?.Email, countEveryCall: true))
            .WithSummary("Email a one-hour reset link to the account, if it exists; always 202.");
        anonymous.MapPost("/password-reset/complete", PasswordReset.CompleteAsync)
            .AddEndpointFilter(new SignInRateLimit("password-reset-complete", _ => null))
            .WithSummary("Set a new password with a reset link's token; every session ends.");

        var signedIn = app.MapTenantGroup("/api/auth", Permissions.SignedIn).WithTags("Auth");
        signedIn.MapPost("/logout", Logout.HandleAsync).WithSummary("End this session.");
        signedIn.MapGet("/me", CurrentUser.HandleAsync).WithSummary("The signed-in user and their club.");
        signedIn.MapPost("/password", ChangePassword.HandleAsync).WithSummary("Change the password; every session ends.");
        return app;
    }
}

public sealed record TokenResponse(
    string AccessToken, string TokenType, int ExpiresIn, DateTimeOffset ExpiresAt, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt);

/// <summary>The answers sign-in gives; wrong email, wrong password and a locked account read the same.</summary>
internal static class AuthProblems
{
    public static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid email or password.");

    public static ProblemHttpResult InvalidRefreshToken() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The refresh token is not valid; sign in again.");

    public static ProblemHttpResult TenantSuspended() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "The club's account is suspended; contact the platform operator.");

    public static ValidationProblem TenantHeaderMissing() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [AuthEndpoints.TenantHeader] = ["Name the club: send its slug in the X-Tenant-Id header."] });
}
