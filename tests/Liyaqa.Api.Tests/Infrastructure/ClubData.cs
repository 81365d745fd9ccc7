using System.Net.Http.Json;
using System.Text.Json;

namespace Liyaqa.Api.Tests.Infrastructure;

/// <summary>Builds a club's data through the API, as its staff would: branches, members, plans, subscriptions.</summary>
public static class ClubData
{
    private static int _phone = Random.Shared.Next(1_000_000, 9_000_000);

    /// <summary>A fresh, valid Saudi mobile number (+9665…), unique within the test run.</summary>
    public static string NextMobile() => $"+96659{Interlocked.Increment(ref _phone):D7}";

    public static async Task<JsonElement> PostOkAsync(this HttpClient client, string path, object? body = null)
    {
        var response = await client.PostAsJsonAsync(path, body ?? new { });
        var content = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {content}");
        return content.Length == 0 ? default : JsonDocument.Parse(content).RootElement.Clone();
    }

    public static async Task<Guid> MainBranchAsync(this HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/branches"))[0].GetProperty("id").GetGuid();

    public static Task<JsonElement> CreateMemberAsync(this HttpClient client, string firstNameEn = "Sara", string lastNameEn = "Al-Harbi",
        string? firstNameAr = "سارة", string? lastNameAr = "الحربي", string? email = null, string? phone = null, string[]? tags = null, string? leadSource = null) =>
        client.PostOkAsync("/api/members", new
        {
            firstNameEn,
            lastNameEn,
            firstNameAr,
            lastNameAr,
            email,
            phone = phone ?? NextMobile(),
            gender = "Female",
            tags,
            leadSource,
            nationalId = "1023456789",
        });

    /// <summary>A plan, by default a month of unlimited access (and classes) at every branch for 230 SAR with VAT, two freezes of 3-30 days a year.</summary>
    public static Task<JsonElement> CreatePlanAsync(this HttpClient client, string kind = "TimeBased", int duration = 1, string unit = "Months",
        int? visits = null, decimal price = 230m, decimal joiningFee = 0m, bool allBranches = true, Guid[]? branchIds = null,
        string? accessFrom = null, string? accessUntil = null, int maxFreezes = 2, int minFreezeDays = 3, int maxFreezeDays = 30, int? classCredits = null) =>
        client.PostOkAsync("/api/membership-plans", new
        {
            nameEn = $"{kind} plan",
            nameAr = "باقة",
            kind,
            duration,
            durationUnit = unit,
            visits,
            price,
            priceIncludesVat = true,
            joiningFee,
            terms = new
            {
                allBranches,
                branchIds = branchIds ?? [],
                accessFrom,
                accessUntil,
                classCredits,
                maxFreezesPerYear = maxFreezes,
                minFreezeDays,
                maxFreezeDays,
            },
        });

    public static Task<JsonElement> SellAsync(this HttpClient client, Guid memberId, Guid planId, DateOnly? startDate = null, decimal discount = 0) =>
        client.PostOkAsync($"/api/members/{memberId}/subscriptions", new { planId, startDate, discount });

    /// <summary>The club's VAT number and address, so it can issue invoices (and, when given, its renewal retry days); the settings saved.</summary>
    public static async Task<JsonElement> SetSellerDetailsAsync(this HttpClient client, string vatNumber = "310122393500003", int[]? collectionRetryDays = null)
    {
        var settings = await client.PutAsJsonAsync("/api/billing/settings", new
        {
            vatNumber,
            address = new { street = "King Fahd Road", buildingNumber = "1234", district = "Al Olaya", city = "Riyadh", postalCode = "12211", countryCode = "SA" },
            collectionRetryDays,
        });
        Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync());
        return await settings.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();
}
