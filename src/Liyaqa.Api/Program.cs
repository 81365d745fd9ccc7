using Liyaqa.Api.Common;
using Liyaqa.Api.Features;
using Liyaqa.Api.Features.Operations;
using Liyaqa.Api.Features.PlatformOperators;
using Liyaqa.Api.Features.Tenants;
using Liyaqa.Infrastructure;
using Liyaqa.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddInfrastructure(FeatureRegistration.ScheduleJobs);
builder.AddApiConventions();
builder.Services.AddFeatures();

var app = builder.Build();

await app.MigrateDatabaseAsync();
await app.BootstrapPlatformOperatorAsync();
await app.SeedDevelopmentTenantAsync();

app.UseApiConventions();
app.MapDefaultEndpoints();
app.MapOperations();
app.MapFeatures();

app.Run();
