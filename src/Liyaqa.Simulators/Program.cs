using Liyaqa.ServiceDefaults;
using Liyaqa.Simulators.PaymentGateway;

// Stand-ins for the services Liyaqa calls outside the platform, for development and tests: they validate
// requests as the real ones do and answer as they would. Never deployed.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPaymentGatewaySimulator();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPaymentGatewaySimulator();
app.Run();
