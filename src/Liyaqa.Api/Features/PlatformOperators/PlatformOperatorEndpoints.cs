using System.ComponentModel.DataAnnotations;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Features.Auth;
using Liyaqa.Domain.Platform;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Identity;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.PlatformOperators;

public sealed record OperatorLoginRequest([property: MaxLength(User.MaxEmailLength)] string Email, [property: MaxLength(PasswordPolicy.MaxLength)] string Password);

public sealed record OperatorTokenResponse(string AccessToken, string TokenType, int ExpiresIn, DateTimeOffset ExpiresAt);

public sealed record CreateOperatorRequest([property: MaxLength(User.MaxEmailLength)] string Email, [property: MaxLength(User.MaxNameLength)] string DisplayName, [property: MaxLength(PasswordPolicy.MaxLength)] string Password);

public sealed record OperatorResponse(Guid Id, string Email, string DisplayName, bool Enabled, DateTimeOffset? LastLoginAt, DateTimeOffset CreatedAt);

/// <summary>Platform operators' accounts: sign-in (no refresh: operators sign in again) and administration.</summary>
public static class PlatformOperatorEndpoints
{
    public static WebApplication MapPlatformOperators(this WebApplication app)
    {
        app.MapPost("/api/platform/auth/login", LoginAsync)
            .AllowAnonymous()
            .AddEndpointFilter(new SignInRateLimit("platform-login", context => context.Arguments.OfType<OperatorLoginRequest>().FirstOrDefault()?.Email))
            .WithTags("Platform: operators")
            .WithSummary("Sign in as a platform operator; returns an access token.");

        var group = app.MapGroup("/api/platform/operators").WithTags("Platform: operators").RequireAuthorization(Policies.PlatformOperator);
        group.MapGet("/", ListAsync).WithSummary("Every operator account.");
        group.MapPost("/", CreateAsync).WithSummary("Create an operator account.");
        group.MapPost("/{id:guid}/disable", DisableAsync).WithSummary("Disable an operator account (its sessions end).");
        return app;
    }

    private static async Task<Results<Ok<OperatorTokenResponse>, ProblemHttpResult>> LoginAsync(
        OperatorLoginRequest request, LiyaqaDbContext db, IPasswordHasher hasher, AccessTokens tokens, AuthOptions options,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var email = User.NormalizeEmail(request.Email);
        var account = await db.PlatformOperators.SingleOrDefaultAsync(o => o.Email == email, ct);
        var check = account is { Enabled: true } ? hasher.Verify(account.PasswordHash, request.Password ?? string.Empty) : hasher.VerifyDecoy(request.Password);
        if (account is null || check == PasswordCheck.Wrong)
        {
            SignInFailures.Log(loggers.CreateLogger("Liyaqa.Auth"), email, SignInFailures.Platform, account is null ? "no such operator" : "wrong password or operator disabled");
            SecurityMetrics.LoginFailed("operator");
            return AuthProblems.InvalidCredentials();
        }

        if (check == PasswordCheck.CorrectNeedsRehash)
        {
            account.RehashPassword(hasher.Hash(request.Password!));
        }

        account.RegisterSuccessfulLogin(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        var token = await tokens.IssueForOperatorAsync(account, ct);
        return TypedResults.Ok(new OperatorTokenResponse(token.Token, "Bearer", (int)options.AccessTokenLifetime.TotalSeconds, token.ExpiresAt));
    }

    private static async Task<Ok<List<OperatorResponse>>> ListAsync(LiyaqaDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.PlatformOperators.AsNoTracking().OrderBy(o => o.Email)
            .Select(o => new OperatorResponse(o.Id, o.Email, o.DisplayName, o.Enabled, o.LastLoginAt, o.CreatedAt)).ToListAsync(ct));

    private static async Task<Created<OperatorResponse>> CreateAsync(CreateOperatorRequest request, PlatformOperatorAccounts accounts, CancellationToken ct)
    {
        var created = await accounts.CreateAsync(request.Email, request.DisplayName, request.Password, ct);
        return TypedResults.Created($"/api/platform/operators/{created.Id}",
            new OperatorResponse(created.Id, created.Email, created.DisplayName, created.Enabled, created.LastLoginAt, created.CreatedAt));
    }

    private static async Task<Results<NoContent, NotFound>> DisableAsync(
        Guid id, LiyaqaDbContext db, SessionStateCache sessions, TimeProvider clock, CancellationToken ct)
    {
        var account = await db.PlatformOperators.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (account is null)
        {
            return TypedResults.NotFound();
        }

        account.Disable(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await sessions.ForgetOperatorAsync(id);
        return TypedResults.NoContent();
    }
}

public static class PlatformOperatorBootstrap
{
    public static async Task BootstrapPlatformOperatorAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PlatformOperatorAccounts>().BootstrapAsync(app.Configuration, app.Environment, CancellationToken.None);
    }
}
