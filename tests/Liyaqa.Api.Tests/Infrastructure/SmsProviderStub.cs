using System.Collections.Concurrent;
using System.Text.Json;
using Liyaqa.Operations.Tests.Infrastructure;

namespace Liyaqa.Api.Tests.Infrastructure;

/// <summary>
/// A local HTTP server standing in for the SMS provider: records every request and answers 202, or 503
/// for a recipient told to fail once. The API posts to it over real HTTP.
/// </summary>
public sealed class SmsProviderStub : HttpStub
{
    public const string ApiKey = "sms-test-key";

    private readonly ConcurrentDictionary<string, int> _failOnce = new();

    public SmsProviderStub()
    {
        Endpoint = new Uri(BaseAddress, "messages");
        Start();
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<(string? Authorization, JsonElement Body, int Status)> Requests { get; } = new();

    /// <summary>The next request for <paramref name="recipient"/> gets a 503.</summary>
    public void FailOnceFor(string recipient) => _failOnce[recipient] = 1;

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, System.Text.Encoding.UTF8);
        var body = JsonSerializer.Deserialize<JsonElement>(await reader.ReadToEndAsync());
        var recipient = body.GetProperty("to").GetString()!;
        var status = _failOnce.TryRemove(recipient, out _) ? 503 : 202;
        Requests.Enqueue((context.Request.Headers["Authorization"], body, status));
        context.Response.StatusCode = status;
        context.Response.Close();
    }
}
