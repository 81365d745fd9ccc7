using Liyaqa.Api.Features.Auth;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Platform;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.PlatformOperators;

/// <summary>Creates operator accounts: through the API, and the first one from configuration at start-up.</summary>
public sealed class PlatformOperatorAccounts(LiyaqaDbContext db, IPasswordHasher hasher, TimeProvider clock)
{
    public async Task<PlatformOperator> CreateAsync(string email, string displayName, string password, CancellationToken ct)
    {
        var problems = PasswordPolicy.Problems(password, email).ToArray();
        if (problems.Length > 0)
        {
            throw new DomainValidationException(new Dictionary<string, string[]> { ["password"] = problems });
        }

        var account = PlatformOperator.Create(email, displayName, hasher.Hash(password), clock.GetUtcNow());
        if (await db.PlatformOperators.AnyAsync(o => o.Email == account.Email, ct))
        {
            throw new DomainConflictException($"An operator with the email '{account.Email}' already exists.");
        }

        db.PlatformOperators.Add(account);
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>
    /// With no operator yet, creates the one named by <c>Platform:BootstrapOperator:Email</c> and <c>…:Password</c>
    /// (in Development: operator@liyaqa.local / Platform-ops-2026!).
    /// </summary>
    public async Task BootstrapAsync(IConfiguration configuration, IHostEnvironment environment, CancellationToken ct)
    {
        var email = configuration["Platform:BootstrapOperator:Email"] ?? (environment.IsDevelopment() ? "operator@liyaqa.local" : null);
        var password = configuration["Platform:BootstrapOperator:Password"] ?? (environment.IsDevelopment() ? "Platform-ops-2026!" : null);
        if (email is null || password is null || await db.PlatformOperators.AnyAsync(ct))
        {
            return;
        }

        try
        {
            await CreateAsync(email, "Platform operator", password, ct);
        }
        catch (DbUpdateException)
        {
            // Another replica created it first.
        }
    }
}
