using System.Text.RegularExpressions;
using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Tenants;

/// <summary>A club using Liyaqa: its slug is what clients send as <c>X-Tenant-Id</c>.</summary>
public sealed partial class Tenant : Entity, IPlatformGlobal
{
    public const string DefaultTimeZone = "Asia/Riyadh";
    public const string DefaultCurrency = "SAR";
    public const decimal DefaultVatRate = 0.15m;
    public const int MaxNameLength = 200;
    public const int MaxSlugLength = 40;

    private Tenant()
    {
    }

    public string Slug { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public TenantStatus Status { get; private set; }

    /// <summary>IANA time zone id; dates shown to the club's staff and members are in this zone.</summary>
    public string TimeZone { get; private set; } = DefaultTimeZone;

    /// <summary>ISO 4217 code of the club's prices and invoices.</summary>
    public string Currency { get; private set; } = DefaultCurrency;

    /// <summary>VAT as a fraction (0.15 is 15 %).</summary>
    public decimal VatRate { get; private set; } = DefaultVatRate;

    /// <summary>The club's VAT registration number, printed on its invoices (Saudi: 15 digits, 3…3).</summary>
    public string? VatNumber { get; private set; }

    /// <summary>The club's address as its invoices print it.</summary>
    public PostalAddress? Address { get; private set; }

    /// <summary>Days after a renewal's first failed card charge on which it is charged again; after the last, the membership is suspended.</summary>
    public int[] CollectionRetryDays { get; private set; } = [.. DefaultCollectionRetryDays];

    public static readonly IReadOnlyList<int> DefaultCollectionRetryDays = [1, 3, 7];

    /// <summary>The club as the seller on its invoices.</summary>
    public InvoiceParty Seller => new(Name, VatNumber, Address);

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Sessions of this club's users issued before this instant are no longer accepted.</summary>
    public DateTimeOffset SessionsValidAfter { get; private set; }

    public bool IsSuspended => Status == TenantStatus.Suspended;

    /// <summary>The club's calendar day at <paramref name="instant"/>: memberships start and end on these days.</summary>
    public DateOnly DateAt(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);

    /// <summary>Stops the club: its users can no longer sign in or refresh, and their calls get 403.</summary>
    public void Suspend()
    {
        Status = TenantStatus.Suspended;
        Audit(AuditActions.TenantSuspended);
    }

    public void Reactivate()
    {
        Status = TenantStatus.Active;
        Audit(AuditActions.TenantReactivated);
    }

    /// <summary>Signs every user of the club out.</summary>
    public void RevokeSessions(DateTimeOffset now)
    {
        SessionsValidAfter = now;
        Audit(AuditActions.SessionsRevoked, new { scope = "tenant" });
    }

    public static Tenant Provision(string slug, string name, string? timeZone, string? currency, decimal? vatRate, DateTimeOffset now, string? vatNumber = null)
    {
        var tenant = new Tenant
        {
            Slug = (slug ?? string.Empty).Trim().ToLowerInvariant(),
            Name = (name ?? string.Empty).Trim(),
            Status = TenantStatus.Active,
            TimeZone = string.IsNullOrWhiteSpace(timeZone) ? DefaultTimeZone : timeZone.Trim(),
            Currency = string.IsNullOrWhiteSpace(currency) ? DefaultCurrency : currency.Trim().ToUpperInvariant(),
            VatRate = vatRate ?? DefaultVatRate,
            VatNumber = string.IsNullOrWhiteSpace(vatNumber) ? null : vatNumber.Trim(),
            CreatedAt = now,
            SessionsValidAfter = now,
        };

        CheckProfile(new DomainErrors(), tenant.Name, tenant.TimeZone)
            .Check(SlugPattern().IsMatch(tenant.Slug), "slug", "Use 3-40 lowercase letters, digits or hyphens, starting and ending with a letter or digit.")
            .Check(CurrencyPattern().IsMatch(tenant.Currency), "currency", "Use a three-letter ISO 4217 code.")
            .Check(tenant.VatRate is >= 0m and < 1m, "vatRate", "VAT is a fraction from 0 up to 1 (0.15 is 15 %).")
            .Check(tenant.VatNumber is null || tenant.Currency != "SAR" || InvoiceParty.IsSaudiVatNumber(tenant.VatNumber), "vatNumber", "A Saudi VAT number has 15 digits, starting and ending with 3.")
            .Check(tenant.VatNumber is null || tenant.VatNumber.Length <= 20, "vatNumber", "At most 20 characters.")
            .ThrowIfAny();
        tenant.Audit(AuditActions.TenantProvisioned, new { tenant.Slug, tenant.Name });
        return tenant;
    }

    /// <summary>The club's own name and time zone (its slug, currency and VAT rate stay as provisioned).</summary>
    public void ChangeProfile(string? name, string? timeZone)
    {
        var (cleanName, cleanZone) = ((name ?? string.Empty).Trim(), (timeZone ?? string.Empty).Trim());
        CheckProfile(new DomainErrors(), cleanName, cleanZone).ThrowIfAny();
        (Name, TimeZone) = (cleanName, cleanZone);
        Audit(AuditActions.ClubProfileChanged, new { Name, TimeZone });
    }

    /// <summary>What a club's name and time zone must be, when it is provisioned and whenever they change.</summary>
    private static DomainErrors CheckProfile(DomainErrors errors, string name, string timeZone) =>
        errors.Check(name.Length is > 0 and <= MaxNameLength, "name", $"A name of 1-{MaxNameLength} characters is required.")
            .Check(timeZone.Length > 0 && IsKnownTimeZone(timeZone), "timeZone", "Unknown IANA time zone.");

    /// <summary>The VAT number and address the club's invoices carry.</summary>
    public void SetBillingDetails(string? vatNumber, PostalAddress address)
    {
        var errors = new DomainErrors()
            .Check(InvoiceParty.IsSaudiVatNumber(vatNumber?.Trim()), "vatNumber", "A Saudi VAT number has 15 digits, starting and ending with 3.")
            .Check(address is not null, "address", "The club's address is required.");
        address?.Validate(errors, "address");
        errors.ThrowIfAny();
        (VatNumber, Address) = (vatNumber!.Trim(), address);
        Audit(AuditActions.BillingDetailsChanged, new { VatNumber });
    }

    /// <summary>The retry schedule of failed renewal charges: up to 6 days after the first failure, rising, from 1 to 60.</summary>
    public void SetCollectionRetryDays(IReadOnlyList<int> days)
    {
        new DomainErrors()
            .Check(days.Count <= 6 && days.All(d => d is >= 1 and <= 60) && days.Zip(days.Skip(1)).All(p => p.First < p.Second),
                "collectionRetryDays", "Up to 6 rising days from 1 to 60 after the first failure, e.g. [1, 3, 7]; [] suspends at the first failure.")
            .ThrowIfAny();
        CollectionRetryDays = [.. days];
        Audit(AuditActions.BillingDetailsChanged, new { CollectionRetryDays });
    }

    private static bool IsKnownTimeZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}
