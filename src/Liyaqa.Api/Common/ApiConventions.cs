using System.Text.Json.Serialization;
using Liyaqa.Api.Common.Auditing;
using Liyaqa.Api.Common.Boundary;
using Liyaqa.Api.Common.Security;
using Liyaqa.Infrastructure.Auditing;
using Scalar.AspNetCore;

namespace Liyaqa.Api.Common;

/// <summary>What every endpoint shares: JSON, problem details, security, OpenAPI.</summary>
public static class ApiConventions
{
    public static WebApplicationBuilder AddApiConventions(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            RequestValues.Apply(options.SerializerOptions);
        });
        builder.LimitRequestSizes();

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsEnricher.Enrich);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Bad bodies and parameters throw so ProblemExceptionHandler answers them like every other error.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        builder.AddLiyaqaSecurity();
        builder.Services.AddScoped<HttpAuditActorAccessor>();
        builder.Services.AddScoped<IAuditActorAccessor>(sp => sp.GetRequiredService<HttpAuditActorAccessor>());
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Liyaqa API";
                document.Info.Description = "Gym and fitness-club management: clubs, branches, members, memberships, classes and bookings.";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(PermissionsInOpenApi.DescribeAccessAsync);
        });
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    public static WebApplication UseApiConventions(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBoundary();
        app.UseAuthentication();
        app.UseRequestLogScope();
        app.UseRequestRateLimit();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapScalarApiReference(options => options.WithTitle("Liyaqa API"));
        return app;
    }
}
