using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Tests;

[Collection(LiyaqaAppCollection.Name)]
public sealed class TenantProvisioningTests(LiyaqaAppFixture app)
{
    private static string NewSlug(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    [Fact]
    public async Task Operator_provisions_a_club_with_Saudi_defaults_and_a_main_branch()
    {
        var slug = NewSlug("gym");

        var response = await app.Operator.PostAsJsonAsync("/api/platform/tenants", new
        {
            slug,
            name = "نادي اللياقة Fitness",
            vatNumber = "310123456700003",
            ownerName = "Club Owner",
            ownerEmail = LiyaqaAppFixture.OwnerEmail(slug),
            ownerPassword = LiyaqaAppFixture.OwnerPassword,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/platform/tenants/{slug}", response.Headers.Location?.OriginalString);
        var created = (await response.Content.ReadFromJsonAsync<TenantInfo>())!;
        Assert.Equal(("نادي اللياقة Fitness", "Active", "Asia/Riyadh", "SAR", 0.15m), (created.Name, created.Status, created.TimeZone, created.Currency, created.VatRate));

        var fetched = await app.Operator.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/platform/tenants/{slug}");
        Assert.Equal(created.Id, fetched.GetProperty("id").GetGuid());
        Assert.Equal("310123456700003", fetched.GetProperty("vatNumber").GetString());

        await using var db = app.AsApplication(created.Id);
        await using var tx = await db.Database.BeginTransactionAsync();
        var branch = await db.Branches.SingleAsync();
        Assert.Equal(("Main branch", "الفرع الرئيسي", "Asia/Riyadh"), (branch.NameEn, branch.NameAr, branch.TimeZone));
    }

    [Fact]
    public async Task Provisioning_without_the_management_token_is_a_401_and_stores_nothing()
    {
        var slug = NewSlug("anon");

        var response = await app.Api.PostAsJsonAsync("/api/platform/tenants", LiyaqaAppFixture.NewTenantRequest(slug, "Anonymous"));

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Operator.GetAsync($"/api/platform/tenants/{slug}")).StatusCode);
    }

    [Fact]
    public async Task A_taken_slug_is_a_409_whatever_its_case_and_the_first_club_is_unchanged()
    {
        var first = await app.ProvisionTenantAsync("dup");

        var response = await app.Operator.PostAsJsonAsync("/api/platform/tenants", LiyaqaAppFixture.NewTenantRequest(first.Slug.ToUpperInvariant(), "Impostor"));

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
        var stored = await app.Operator.GetFromJsonAsync<TenantInfo>($"/api/platform/tenants/{first.Slug}");
        Assert.Equal(first.Name, stored!.Name);
    }

    [Fact]
    public async Task Provisioning_one_slug_in_parallel_admits_exactly_one()
    {
        var slug = NewSlug("race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            app.Operator.PostAsJsonAsync("/api/platform/tenants", LiyaqaAppFixture.NewTenantRequest(slug, $"Racer {i}"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task Invalid_fields_are_a_400_naming_each_field_and_nothing_is_stored()
    {
        var response = await app.Operator.PostAsJsonAsync(
            "/api/platform/tenants", new { slug = "Not A Slug!", name = "", timeZone = "Mars/Olympus", currency = "R1Y", vatRate = 1.5m, ownerName = "", ownerEmail = "nope", ownerPassword = "short" });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "slug", "name", "timeZone", "currency", "vatRate", "ownerName", "ownerEmail", "ownerPassword" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await app.Operator.GetAsync("/api/platform/tenants/not-a-slug")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_slug_is_a_404_problem()
    {
        await (await app.Operator.GetAsync($"/api/platform/tenants/{NewSlug("ghost")}")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Tenants_are_listed_in_slug_order_a_page_at_a_time()
    {
        await app.ProvisionTenantAsync("page");
        await app.ProvisionTenantAsync("page");

        var page = await app.Operator.GetFromJsonAsync<JsonElement>("/api/platform/tenants?page=1&pageSize=2");

        var slugs = page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("slug").GetString()!).ToList();
        Assert.Equal(2, slugs.Count);
        Assert.Equal(slugs.Order(StringComparer.Ordinal), slugs);
        Assert.True(page.GetProperty("total").GetInt32() >= 2);

        await (await app.Operator.GetAsync("/api/platform/tenants?pageSize=0")).ReadProblemAsync(HttpStatusCode.BadRequest);
    }
}
