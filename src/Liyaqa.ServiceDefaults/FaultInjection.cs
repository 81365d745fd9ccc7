namespace Liyaqa.ServiceDefaults;

/// <summary>
/// The switch for the API's fault-injection endpoint, used by tests of error handling and alerting.
/// Off unless set; the endpoint does not exist when it is off.
/// </summary>
public static class FaultInjection
{
    public const string Setting = "Liyaqa:EnableFaultInjection";
}
