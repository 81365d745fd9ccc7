using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Features.Auth;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Users;

/// <summary>Without a password the account is invited by email to choose one.</summary>
public sealed record CreateUserRequest(
    [property: MaxLength(User.MaxEmailLength)] string Email, [property: MaxLength(User.MaxNameLength)] string DisplayName, IReadOnlyList<Role> Roles, [property: MaxLength(PasswordPolicy.MaxLength)] string? Password = null);

public sealed record ChangeRolesRequest(IReadOnlyList<Role> Roles);

/// <summary>
/// Account administration within the caller's club (the request's tenant transaction scopes every query).
/// Only an Owner grants or removes the Owner role, and nobody disables or demotes themselves.
/// </summary>
public static class ManageUsers
{
    public const int MaxPageSize = 100;

    public static async Task<Ok<UserPage>> ListAsync(LiyaqaDbContext db, CancellationToken ct, int page = 1, int pageSize = 20)
    {
        new DomainErrors()
            .Check(page >= 1, "page", "Pages start at 1.")
            .Check(pageSize is >= 1 and <= MaxPageSize, "pageSize", $"A page holds 1-{MaxPageSize} accounts.")
            .ThrowIfAny();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new UserPage(users.Select(UserResponse.From).ToList(), page, pageSize, await db.Users.CountAsync(ct)));
    }

    public static async Task<Results<Ok<UserResponse>, NotFound>> GetAsync(Guid id, LiyaqaDbContext db, CancellationToken ct) =>
        await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct) is { } user
            ? TypedResults.Ok(UserResponse.From(user))
            : TypedResults.NotFound();

    public static async Task<Created<UserResponse>> CreateAsync(
        CreateUserRequest request, ClaimsPrincipal caller, LiyaqaDbContext db, IPasswordHasher hasher, AccountEmails emails, TimeProvider clock, CancellationToken ct)
    {
        var roles = request.Roles ?? [];
        RequireOwnerToGrantOwner(caller, roles);
        var invite = request.Password is null;
        var passwordProblems = invite ? [] : PasswordPolicy.Problems(request.Password, request.Email).ToArray();
        if (passwordProblems.Length > 0)
        {
            throw new DomainValidationException(new Dictionary<string, string[]> { ["password"] = passwordProblems });
        }

        var tenantId = Guid.Parse(caller.FindFirstValue(AccessTokens.Claims.Tenant)!);
        var user = User.Create(tenantId, request.Email, request.DisplayName, invite ? string.Empty : hasher.Hash(request.Password!), roles, clock.GetUtcNow());
        if (await db.Users.AnyAsync(u => u.Email == user.Email, ct))
        {
            throw new DomainConflictException($"An account with the email '{user.Email}' already exists.");
        }

        db.Users.Add(user);
        if (invite)
        {
            await emails.QueueInvitationAsync(await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, ct), user, ct);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{UserEndpoints.Route}/{user.Id}", UserResponse.From(user));
    }

    public static Task<Results<Ok<UserResponse>, NotFound>> ChangeRolesAsync(
        Guid id, ChangeRolesRequest request, ClaimsPrincipal caller, AccountChanges changes, TimeProvider clock, CancellationToken ct) =>
        changes.ApplyAsync(id, caller, user =>
        {
            var roles = request.Roles ?? [];
            RequireOwnerToGrantOwner(caller, roles.Concat(user.Roles));
            RefuseSelf(caller, user, "change your own roles");
            user.ChangeRoles(roles, clock.GetUtcNow());
        }, ct);

    public static Task<Results<Ok<UserResponse>, NotFound>> DisableAsync(Guid id, ClaimsPrincipal caller, AccountChanges changes, TimeProvider clock, CancellationToken ct) =>
        changes.ApplyAsync(id, caller, user =>
        {
            RequireOwnerToGrantOwner(caller, user.Roles);
            RefuseSelf(caller, user, "disable your own account");
            user.Disable(clock.GetUtcNow());
        }, ct);

    public static Task<Results<Ok<UserResponse>, NotFound>> EnableAsync(Guid id, ClaimsPrincipal caller, AccountChanges changes, CancellationToken ct) =>
        changes.ApplyAsync(id, caller, user => user.Enable(), ct);

    public static async Task<Results<NoContent, NotFound>> RevokeSessionsAsync(Guid id, ClaimsPrincipal caller, AccountChanges changes, TimeProvider clock, CancellationToken ct) =>
        await changes.ApplyAsync(id, caller, user => user.RevokeSessions(clock.GetUtcNow()), ct) is { Result: NotFound notFound }
            ? notFound
            : TypedResults.NoContent();

    private static void RequireOwnerToGrantOwner(ClaimsPrincipal caller, IEnumerable<Role> roles)
    {
        if (roles.Contains(Role.Owner) && !caller.IsInRole(nameof(Role.Owner)))
        {
            throw new DomainValidationException("roles", "Only an Owner can grant, remove or act on the Owner role.");
        }
    }

    private static void RefuseSelf(ClaimsPrincipal caller, User user, string what)
    {
        if (caller.FindFirstValue(AccessTokens.Claims.Subject) == user.Id.ToString())
        {
            throw new DomainConflictException($"You cannot {what}.");
        }
    }
}
