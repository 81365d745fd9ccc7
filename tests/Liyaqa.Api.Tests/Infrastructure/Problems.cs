using System.Net.Http.Json;
using System.Text.Json;

namespace Liyaqa.Api.Tests.Infrastructure;

/// <summary>Reads an RFC 9457 problem response and checks its shape.</summary>
public static class Problems
{
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("traceId").GetString());
        return problem;
    }
}
