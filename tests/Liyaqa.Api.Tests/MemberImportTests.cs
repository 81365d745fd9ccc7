using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Liyaqa.Api.Tests;

/// <summary>Members in bulk: CSV import as a job with visible progress, dry runs, idempotent re-imports, and the export.</summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class MemberImportTests(LiyaqaAppFixture app, ITestOutputHelper output)
{
    private const string Header = "firstNameEn,lastNameEn,firstNameAr,lastNameAr,email,phone,gender,dateOfBirth,tags";

    private static async Task<JsonElement> UploadAsync(HttpClient client, string csv, bool dryRun = false, string? mapping = null)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray()), "file", "members.csv");
        if (mapping is not null)
        {
            form.Add(new StringContent(mapping), "mapping");
        }

        var response = await client.PostAsync($"/api/members/imports?dryRun={dryRun}", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<(JsonElement Result, List<JsonElement> Seen)> WaitAsync(HttpClient client, Guid import, TimeSpan patience)
    {
        var seen = new List<JsonElement>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var state = await client.GetFromJsonAsync<JsonElement>($"/api/members/imports/{import}");
            seen.Add(state);
            if (state.GetProperty("status").GetString() is "Completed" or "Failed")
            {
                return (state, seen);
            }

            Assert.True(clock.Elapsed < patience, $"import still {state.GetProperty("status")} after {patience.TotalSeconds} s: {state}");
            await Task.Delay(250);
        }
    }

    private static (int Created, int Updated, int Unchanged, int Failed) Counts(JsonElement import) =>
        (import.GetProperty("created").GetInt32(), import.GetProperty("updated").GetInt32(), import.GetProperty("unchanged").GetInt32(), import.GetProperty("failed").GetInt32());

    private static IEnumerable<string> Rows(int count, string domain, Func<int, string?> badRow)
    {
        string[] first = ["Ahmed", "Sara", "Fahad", "Noura", "Khalid", "Reem", "Omar", "Lama"];
        string[] firstAr = ["أحمد", "سارة", "فهد", "نورة", "خالد", "ريم", "عمر", "لمى"];
        string[] last = ["Al-Harbi", "Al-Otaibi", "Al-Qahtani", "Al-Ghamdi", "Al-Zahrani"];
        string[] lastAr = ["الحربي", "العتيبي", "القحطاني", "الغامدي", "الزهراني"];
        for (var i = 1; i <= count; i++)
        {
            yield return badRow(i) ?? $"{first[i % 8]},{last[i % 5]},{firstAr[i % 8]},{lastAr[i % 5]},m{i}@{domain},05{50000000 + i:D8},{(i % 2 == 0 ? "female" : "male")},199{i % 10}-0{1 + (i % 9)}-1{i % 10},\"gold;morning\"";
        }
    }

    [Fact]
    public async Task Fifty_thousand_rows_with_bad_ones_import_as_a_job_whose_progress_shows_and_every_bad_row_is_named()
    {
        var tenant = await app.ProvisionTenantAsync("imp-50k");
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        const int total = 50_000;
        // Every 500th row has a bad email, every 700th a landline, every 900th repeats row 1's email, and the last lacks a name.
        var csv = Header + "\n" + string.Join("\n", Rows(total, "big.test", i => i switch
        {
            total => $",,,,last@big.test,0559999999,female,,",
            _ when i % 500 == 0 => $"Bad,Email,,,not-an-email,05{60000000 + i:D8},male,,",
            _ when i % 700 == 0 => $"Land,Line,,,land{i}@big.test,0112345678,male,,",
            _ when i % 900 == 0 => $"Twin,Row,,,m1@big.test,05{70000000 + i:D8},male,,",
            _ => null,
        }));
        var bad = Enumerable.Range(1, total).Count(i => i == total || i % 500 == 0 || i % 700 == 0 || i % 900 == 0);

        var clock = Stopwatch.StartNew();
        var queued = await UploadAsync(owner, csv);
        var (done, seen) = await WaitAsync(owner, queued.Id(), TimeSpan.FromSeconds(180));
        output.WriteLine($"{total} rows imported in {clock.Elapsed.TotalSeconds:F1} s ({total / clock.Elapsed.TotalSeconds:F0} rows/s)");

        Assert.True(done.GetProperty("status").GetString() == "Completed", $"the import ended {done.GetProperty("status")}: {done.GetProperty("failureReason")}");
        Assert.Equal((total - bad, 0, 0, bad), Counts(done));
        Assert.Contains(seen, s => s.GetProperty("status").GetString() == "Running" && s.GetProperty("processedRows").GetInt32() is > 0 and < total);
        var errors = done.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Contains((500, "email"), errors);
        Assert.Contains((700, "phone"), errors);
        Assert.Contains((900, "email"), errors);
        Assert.Contains((total, "firstNameEn"), errors);

        var found = await owner.GetFromJsonAsync<JsonElement>("/api/members?q=m12345@big.test");
        Assert.Equal("+966550012345", Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("phone").GetString());
    }

    [Fact]
    public async Task A_dry_run_reports_without_writing_and_importing_the_same_file_twice_changes_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("imp-idem");
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        var csv = Header + "\n" + string.Join("\n", Rows(30, "idem.test", i => i == 7 ? "Seven,Bad,,,seven@idem.test,12,male,,," : null));

        var (dry, _) = await WaitAsync(owner, (await UploadAsync(owner, csv, dryRun: true)).Id(), TimeSpan.FromSeconds(30));
        Assert.Equal((29, 0, 0, 1), Counts(dry));
        Assert.Equal(0, (await owner.GetFromJsonAsync<JsonElement>("/api/members?includeTotal=true")).GetProperty("total").GetInt32());

        var (first, _) = await WaitAsync(owner, (await UploadAsync(owner, csv)).Id(), TimeSpan.FromSeconds(30));
        Assert.Equal((29, 0, 0, 1), Counts(first));
        var (again, _) = await WaitAsync(owner, (await UploadAsync(owner, csv)).Id(), TimeSpan.FromSeconds(30));
        Assert.Equal((0, 0, 29, 1), Counts(again));

        var changed = csv.Replace("m3@idem.test", "m3@idem.test", StringComparison.Ordinal).Replace("Lama,Al-Ghamdi", "Lama,Al-Shehri", StringComparison.Ordinal);
        var (update, _) = await WaitAsync(owner, (await UploadAsync(owner, changed)).Id(), TimeSpan.FromSeconds(30));
        Assert.True(Counts(update).Updated > 0);
        Assert.Equal(29, (await owner.GetFromJsonAsync<JsonElement>("/api/members?includeTotal=true")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Arabic_headers_or_a_mapping_are_understood_and_the_export_reimports_unchanged()
    {
        var tenant = await app.ProvisionTenantAsync("imp-map");
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        var arabic = "الاسم الأول,اسم العائلة,الجوال,البريد الإلكتروني,الجنس,Membership card\nنورة,العتيبي,0551230001,noura@map.test,أنثى,C-1\nفهد,الحربي,0551230002,,ذكر,C-2";
        var (imported, _) = await WaitAsync(owner, (await UploadAsync(owner, arabic, mapping: """{"Membership card":"notes"}""")).Id(), TimeSpan.FromSeconds(30));
        Assert.Equal((2, 0, 0, 0), Counts(imported));
        var noura = (await owner.GetFromJsonAsync<JsonElement>("/api/members?q=نوره")).GetProperty("items")[0];
        Assert.Equal("+966551230001", noura.GetProperty("phone").GetString());
        Assert.Equal("C-1", (await owner.GetFromJsonAsync<JsonElement>($"/api/members/{noura.Id()}")).GetProperty("notes").GetString());

        var export = await owner.GetAsync("/api/members/export");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("number,firstNameEn,lastNameEn,firstNameAr,lastNameAr,email,phone,gender,", text, StringComparison.Ordinal);
        Assert.True(text.Contains(",نورة,العتيبي,noura@map.test,+966551230001,Female,", StringComparison.Ordinal), text);

        var (round, _) = await WaitAsync(owner, (await UploadAsync(owner, text)).Id(), TimeSpan.FromSeconds(30));
        Assert.Equal((0, 0, 2, 0), Counts(round));
    }

    [Fact]
    public async Task A_file_without_usable_columns_fails_with_its_reason_and_a_bad_mapping_is_refused_at_once()
    {
        var tenant = await app.ProvisionTenantAsync("imp-bad");
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);

        var (failed, _) = await WaitAsync(owner, (await UploadAsync(owner, "colour,size\nred,L")).Id(), TimeSpan.FromSeconds(30));
        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.Contains("first name", failed.GetProperty("failureReason").GetString(), StringComparison.Ordinal);

        using var form = new MultipartFormDataContent { { new StringContent(Header), "file", "m.csv" }, { new StringContent("""{"a":"shoeSize"}"""), "mapping" } };
        var refused = await owner.PostAsync("/api/members/imports", form);
        Assert.True((await refused.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("mapping", out _));
    }

    [Fact]
    public async Task A_file_over_the_upload_limit_gets_a_413_naming_the_limit_and_nothing_is_queued()
    {
        var tenant = await app.ProvisionTenantAsync("imp-big");
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        var row = Encoding.UTF8.GetBytes("Sara,Al-Harbi,سارة,الحربي,,+966500000000,Female,,\n");
        var csv = new byte[40 * 1024 * 1024];
        for (var i = 0; i + row.Length <= csv.Length; i += row.Length)
        {
            row.CopyTo(csv, i);
        }

        using var form = new MultipartFormDataContent { { new ByteArrayContent(csv), "file", "big.csv" } };
        var refused = await owner.PostAsync("/api/members/imports", form);

        var problem = await refused.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("32 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var sql = await app.OpenAsOwnerAsync();
        await using var count = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM member_imports WHERE tenant_id = '{tenant.Id}'", sql);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}
