using Liyaqa.Api.Features.Auth;
using Liyaqa.Domain.Branches;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenants;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Tenants;

/// <summary>
/// Creates a club with its main branch and its owner's account, in one transaction; a taken slug is a 409.
/// Without an initial password the owner is invited: an email with a one-week set-password link is queued
/// in the same transaction.
/// </summary>
public sealed class TenantProvisioner(LiyaqaDbContext db, TenantContext tenantContext, IPasswordHasher hasher, AccountEmails emails, TimeProvider clock)
{
    public async Task<Tenant> ProvisionAsync(ProvisionTenantRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new DomainErrors();
        var invite = request.OwnerPassword is null;
        foreach (var problem in invite ? [] : PasswordPolicy.Problems(request.OwnerPassword, request.OwnerEmail))
        {
            errors.Check(false, "ownerPassword", problem);
        }

        var tenant = Validate(errors, () => Tenant.Provision(request.Slug, request.Name, request.TimeZone, request.Currency, request.VatRate, now, request.VatNumber), field => field);
        var owner = Validate(errors, () => User.Create(
            tenant?.Id ?? Guid.Empty, request.OwnerEmail, request.OwnerName, invite ? string.Empty : hasher.Hash(request.OwnerPassword!), [Role.Owner], now), FieldOf);
        errors.ThrowIfAny();
        var slug = tenant!.Slug;
        if (await db.Tenants.AnyAsync(t => t.Slug == slug, ct))
        {
            throw new DomainConflictException($"The slug '{tenant.Slug}' is already taken.");
        }

        // The new club's own rows are written as that club, so row-level security admits them.
        tenantContext.Use(tenant!.Id);
        db.Tenants.Add(tenant);
        db.Branches.Add(Branch.MainOf(tenant, now));
        db.Users.Add(owner!);
        if (invite)
        {
            await emails.QueueInvitationAsync(tenant, owner!, ct);
        }

        await db.SaveChangesAsync(ct);
        return tenant;
    }

    /// <summary>Runs a domain factory, adding its field errors (renamed as the request names them) to <paramref name="errors"/>.</summary>
    private static T? Validate<T>(DomainErrors errors, Func<T> create, Func<string, string> fieldName) where T : class
    {
        try
        {
            return create();
        }
        catch (DomainValidationException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                Array.ForEach(messages, message => errors.Check(false, fieldName(field), message));
            }

            return null;
        }
    }

    /// <summary>The owner's fields are named as in the request.</summary>
    private static string FieldOf(string userField) => userField switch
    {
        "email" => "ownerEmail",
        "displayName" => "ownerName",
        _ => userField,
    };
}
