using System.Net;

namespace Liyaqa.Operations.Tests.Infrastructure;

/// <summary>
/// A local HTTP server standing in for a third party (the SMS provider, Slack): it listens on a free port of
/// 127.0.0.1 and hands each request to <see cref="HandleAsync"/>, which answers it.
/// </summary>
public abstract class HttpStub : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private Task _serving = Task.CompletedTask;

    protected HttpStub()
    {
        var port = LoopbackPort.Free();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts serving; a derived class calls it once constructed.</summary>
    protected void Start()
    {
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    protected abstract Task HandleAsync(HttpListenerContext context);

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

            await HandleAsync(context);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
        GC.SuppressFinalize(this);
    }
}
