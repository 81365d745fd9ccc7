using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

/// <summary>The front desk's member list: create, find in any script or format, update, archive, with unique contacts.</summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class MemberTests(LiyaqaAppFixture app)
{
    private async Task<HttpClient> FrontDeskAsync(string prefix)
    {
        var tenant = await app.ProvisionTenantAsync(prefix);
        var owner = await app.LoginAsOwnerAsync(tenant);
        return app.As((await app.AddUserAsync(tenant, owner, $"desk@{tenant.Slug}.test", "FrontDesk")).Tokens.AccessToken);
    }

    private static async Task<JsonElement> SearchAsync(HttpClient desk, string query) =>
        (await desk.GetFromJsonAsync<JsonElement>($"/api/members?{query}")).GetProperty("items");

    [Fact]
    public void Saudi_mobiles_generated_for_tests_are_valid() => Assert.Matches(@"^\+9665[0-9]{8}$", ClubData.NextMobile());

    [Fact]
    public async Task Members_are_found_by_any_part_of_an_Arabic_or_Latin_name_email_phone_or_number()
    {
        using var desk = await FrontDeskAsync("mem-search");
        var ahmed = await desk.CreateMemberAsync("Ahmed", "Al-Qahtani", "أحمد", "القحطاني", email: "ahmed.q@example.com", phone: "0551112233");
        await desk.CreateMemberAsync("Fatimah", "Al-Zahrani", "فاطمة", "الزهراني", email: "fatimah@example.com");
        var number = ahmed.GetProperty("number").GetString()!;

        foreach (var query in new[] { "q=احمد", "q=أحمد", "q=قحطا", "q=ahmed", "q=AL-QAH", "q=ahmed.q@", "q=0551112233", "q=%2B966551112233", "q=551112", $"q={number}" })
        {
            var found = await SearchAsync(desk, query);
            Assert.True(found.GetArrayLength() == 1 && found[0].Id() == ahmed.Id(), $"{query} found {found}");
        }

        var fatimah = await SearchAsync(desk, "q=فاطمه");
        Assert.Equal("Fatimah", Assert.Single(fatimah.EnumerateArray()).GetProperty("firstNameEn").GetString());
        Assert.Equal("••••••6789", fatimah[0].GetProperty("nationalIdMasked").GetString());
        Assert.Equal(2, (await SearchAsync(desk, "sort=-name")).GetArrayLength());
        Assert.Equal(0, (await SearchAsync(desk, "q=nobody")).GetArrayLength());
    }

    [Fact]
    public async Task Filters_by_status_tag_branch_and_plan_narrow_the_list()
    {
        var tenant = await app.ProvisionTenantAsync("mem-filter");
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        var branch = await owner.MainBranchAsync();
        var vip = await owner.PostOkAsync("/api/members", new { firstNameEn = "Vip", phone = ClubData.NextMobile(), tags = new[] { "vip" }, homeBranchId = branch });
        var lead = await owner.CreateMemberAsync("Lead", "Person", leadSource: "instagram");
        var plan = await owner.CreatePlanAsync();
        await owner.SellAsync(vip.Id(), plan.Id());

        Assert.Equal(vip.Id(), Assert.Single((await SearchAsync(owner, "tag=vip")).EnumerateArray()).Id());
        Assert.Equal(vip.Id(), Assert.Single((await SearchAsync(owner, $"branchId={branch}")).EnumerateArray()).Id());
        Assert.Equal(vip.Id(), Assert.Single((await SearchAsync(owner, $"planId={plan.Id()}")).EnumerateArray()).Id());
        Assert.Equal(vip.Id(), Assert.Single((await SearchAsync(owner, "status=Active")).EnumerateArray()).Id());
        Assert.Equal(lead.Id(), Assert.Single((await SearchAsync(owner, "status=Lead")).EnumerateArray()).Id());
        Assert.Equal("instagram", (await owner.GetFromJsonAsync<JsonElement>($"/api/members/{lead.Id()}")).GetProperty("leadSource").GetString());
        await (await owner.GetAsync("/api/members?pageSize=1000")).ReadProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.GetAsync("/api/members?sort=age")).ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Email_and_phone_are_unique_within_a_club_but_not_across_clubs()
    {
        using var desk = await FrontDeskAsync("mem-unique");
        using var otherClub = await FrontDeskAsync("mem-unique2");
        await desk.CreateMemberAsync(email: "same@example.com", phone: "0559998877");

        var sameEmail = await desk.PostAsJsonAsync("/api/members", new { firstNameEn = "Twin", email = "SAME@example.com" });
        Assert.Contains("same@example.com", (await sameEmail.ReadProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var samePhone = await desk.PostAsJsonAsync("/api/members", new { firstNameEn = "Twin", phone = "+966 55 999 8877" });
        await samePhone.ReadProblemAsync(HttpStatusCode.Conflict);

        await otherClub.CreateMemberAsync(email: "same@example.com", phone: "0559998877");
    }

    [Fact]
    public async Task Bad_input_names_each_field_and_writes_nothing()
    {
        using var desk = await FrontDeskAsync("mem-bad");
        var response = await desk.PostAsJsonAsync("/api/members", new { email = "nope", phone = "0412345678", dateOfBirth = "2999-01-01", language = "fr", homeBranchId = Guid.NewGuid() });
        var errors = (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.Equal(["homeBranchId"], errors.EnumerateObject().Select(e => e.Name));
        var noBranch = await desk.PostAsJsonAsync("/api/members", new { email = "nope", phone = "0412345678", dateOfBirth = "2999-01-01", language = "fr" });
        var fields = (await noBranch.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToList();
        Assert.Equal(["dateOfBirth", "email", "firstNameEn", "language", "phone"], fields);
        Assert.Equal(0, (await SearchAsync(desk, "includeArchived=true")).GetArrayLength());
    }

    [Fact]
    public async Task Updating_and_archiving_are_audited_and_archived_members_leave_the_list()
    {
        var tenant = await app.ProvisionTenantAsync("mem-arch");
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        var member = await owner.CreateMemberAsync("Omar", "Saleh", "عمر", "صالح");

        var updated = await owner.PutAsJsonAsync($"/api/members/{member.Id()}", new { firstNameEn = "Omar", lastNameEn = "Al-Saleh", firstNameAr = "عمر", lastNameAr = "آل صالح", phone = "0550001122" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(member.Id(), Assert.Single((await SearchAsync(owner, "q=ال صالح")).EnumerateArray()).Id());

        await owner.PostOkAsync($"/api/members/{member.Id()}/archive");
        Assert.Equal(0, (await SearchAsync(owner, "q=omar")).GetArrayLength());
        Assert.Equal(1, (await SearchAsync(owner, "q=omar&includeArchived=true")).GetArrayLength());

        await using var sql = await app.OpenAsOwnerAsync();
        var actions = await sql.QueryAsync($"SELECT action FROM audit_log WHERE tenant_id = '{tenant.Id}' AND entity_id = '{member.Id()}' ORDER BY created_at, action", r => r.GetString(0));
        Assert.Equal(["MEMBER_CREATED", "MEMBER_UPDATED", "MEMBER_ARCHIVED"], actions);
    }

    [Fact]
    public async Task Member_numbers_run_per_club_without_gaps_even_when_created_in_parallel()
    {
        using var desk = await FrontDeskAsync("mem-num");
        var created = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => desk.CreateMemberAsync($"Parallel{i}", "Member", email: $"p{i}@example.com")));

        var numbers = created.Select(m => m.GetProperty("number").GetString()).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"M-{n:D6}"), numbers);
    }

    [Fact]
    public async Task A_member_invited_to_the_app_signs_in_with_the_Member_role_and_sees_only_their_membership()
    {
        var tenant = await app.ProvisionTenantAsync("mem-app");
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        var email = $"member@{tenant.Slug}.test";
        var member = await owner.CreateMemberAsync("Noura", "Al-Otaibi", "نورة", "العتيبي", email: email);
        await owner.PostOkAsync($"/api/members/{member.Id()}/app-account");

        var invitation = await app.WaitForMailToAsync(email);
        var token = System.Text.RegularExpressions.Regex.Match(invitation.TextBody!, "token=([A-Za-z0-9_-]+)").Groups[1].Value;
        using var complete = new HttpRequestMessage(HttpMethod.Post, "/api/auth/password-reset/complete") { Content = JsonContent.Create(new { token, newPassword = "Gym-entry-2026!" }) };
        complete.Headers.Add("X-Tenant-Id", tenant.Slug);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Api.SendAsync(complete)).StatusCode);

        using var memberApp = app.As((await app.LoginAsync(tenant.Slug, email, "Gym-entry-2026!")).AccessToken);
        var mine = await memberApp.GetFromJsonAsync<JsonElement>("/api/me/membership");
        Assert.Equal(member.Id(), mine.GetProperty("member").Id());
        await (await memberApp.GetAsync("/api/members")).ReadProblemAsync(HttpStatusCode.Forbidden);
    }
}
