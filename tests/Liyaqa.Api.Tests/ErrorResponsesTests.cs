using System.Text;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

[Collection(LiyaqaAppCollection.Name)]
public sealed class ErrorResponsesTests(LiyaqaAppFixture app)
{
    [Fact]
    public async Task Unknown_route_is_a_404_problem()
    {
        var problem = await (await app.Api.GetAsync("/api/no-such-thing")).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("/api/no-such-thing", problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_that_says_so()
    {
        using var body = new StringContent("{\"slug\": \"abc\", ", Encoding.UTF8, "application/json");

        var problem = await (await app.Operator.PostAsync("/api/platform/tenants", body)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unhandled_exception_is_a_500_problem_with_a_trace_id_and_no_internals()
    {
        var response = await app.Api.GetAsync("/api/diagnostics/fault");
        var raw = await response.Content.ReadAsStringAsync();

        await response.ReadProblemAsync(HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("Injected fault", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", raw, StringComparison.Ordinal);
    }
}
