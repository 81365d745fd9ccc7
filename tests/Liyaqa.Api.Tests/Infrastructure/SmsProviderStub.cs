using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;

namespace Liyaqa.Api.Tests.Infrastructure;

/// <summary>
/// A local HTTP server standing in for the SMS provider: records every request and answers 202, or 503
/// for a recipient told to fail once. The API posts to it over real HTTP.
/// </summary>
public sealed class SmsProviderStub : IAsyncDisposable
{
    public const string ApiKey = "sms-test-key";

    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly ConcurrentDictionary<string, int> _failOnce = new();

    public SmsProviderStub()
    {
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/messages");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<(string? Authorization, JsonElement Body, int Status)> Requests { get; } = new();

    /// <summary>The next request for <paramref name="recipient"/> gets a 503.</summary>
    public void FailOnceFor(string recipient) => _failOnce[recipient] = 1;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, System.Text.Encoding.UTF8);
            var body = JsonSerializer.Deserialize<JsonElement>(await reader.ReadToEndAsync());
            var recipient = body.GetProperty("to").GetString()!;
            var status = _failOnce.TryRemove(recipient, out _) ? 503 : 202;
            Requests.Enqueue((context.Request.Headers["Authorization"], body, status));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
