using Liyaqa.ServiceDefaults;

namespace Liyaqa.Api.Features.Diagnostics;

/// <summary>
/// <c>GET /api/diagnostics/fault</c> throws, so tests can watch an unhandled error become a 500 problem
/// and drive the error-rate alerts. Mapped only when <see cref="FaultInjection.Setting"/> is true.
/// </summary>
public static class FaultInjectionEndpoints
{
    public static WebApplication MapFaultInjection(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(FaultInjection.Setting))
        {
            app.MapGet("/api/diagnostics/fault", string () => throw new InjectedFaultException())
                .ExcludeFromDescription()
                .AllowAnonymous();
        }

        return app;
    }
}

public sealed class InjectedFaultException() : Exception("Injected fault: Host=db.internal;Password=not-a-real-secret");
