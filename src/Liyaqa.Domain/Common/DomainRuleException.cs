namespace Liyaqa.Domain.Common;

/// <summary>
/// A business rule says no to a well-formed request (a freeze beyond the allowance, a plan that is not on
/// sale); <see cref="Code"/> is the machine-readable reason clients switch on.
/// </summary>
public sealed class DomainRuleException(string code, string message) : DomainException(message)
{
    public string Code { get; } = code;
}
