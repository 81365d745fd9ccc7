using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Users;

namespace Liyaqa.Api.Features.Users;

/// <summary>A club's staff (and member) accounts: created, listed, given roles, disabled, unlocked, signed out.</summary>
public static class UserEndpoints
{
    public const string Route = "/api/users";

    public static WebApplication MapUsers(this WebApplication app)
    {
        var read = app.MapTenantGroup(Route, Permissions.UsersRead).WithTags("Users");
        read.MapGet("/", ManageUsers.ListAsync).WithSummary("The club's accounts, by email, a page at a time.");
        read.MapGet("/{id:guid}", ManageUsers.GetAsync).WithSummary("One account.");

        var manage = app.MapTenantGroup(Route, Permissions.UsersManage).WithTags("Users");
        manage.MapPost("/", ManageUsers.CreateAsync).WithSummary("Create an account with its roles and first password.");
        manage.MapPut("/{id:guid}/roles", ManageUsers.ChangeRolesAsync).WithSummary("Replace an account's roles (its sessions end).");
        manage.MapPost("/{id:guid}/disable", ManageUsers.DisableAsync).WithSummary("Disable an account (its sessions end).");
        manage.MapPost("/{id:guid}/enable", ManageUsers.EnableAsync).WithSummary("Enable a disabled account.");
        manage.MapPost("/{id:guid}/unlock", UnlockAccount.ByStaffAsync).WithSummary("Lift an account's sign-in lock and limits at once.");

        var revoke = app.MapTenantGroup(Route, Permissions.SessionsRevoke).WithTags("Users");
        revoke.MapPost("/{id:guid}/sessions/revoke", ManageUsers.RevokeSessionsAsync).WithSummary("Sign an account out everywhere.");

        app.MapGroup("/api/platform/tenants/{slug}/users").WithTags("Platform: tenants").RequireAuthorization(Policies.PlatformOperator)
            .MapPost("/unlock", UnlockAccount.ByOperatorAsync).WithSummary("Lift the sign-in lock and limits of a club's account, named by its email.");
        return app;
    }
}

public sealed record UserResponse(
    Guid Id, string Email, string DisplayName, IReadOnlyList<Role> Roles, bool Enabled, bool Locked, int FailedLoginAttempts,
    DateTimeOffset? LastLoginAt, DateTimeOffset CreatedAt)
{
    public static UserResponse From(User u) =>
        new(u.Id, u.Email, u.DisplayName, u.Roles, u.Enabled, u.Locked, u.FailedLoginAttempts, u.LastLoginAt, u.CreatedAt);
}

public sealed record UserPage(IReadOnlyList<UserResponse> Items, int Page, int PageSize, int Total);
