namespace Liyaqa.Domain.Common;

/// <summary>A domain rule refused an operation; the API maps each kind to one problem response.</summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>Input broke a rule of the domain; <see cref="Errors"/> names each bad field.</summary>
public sealed class DomainValidationException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException("One or more values are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public DomainValidationException(string field, string error)
        : this(new Dictionary<string, string[]> { [field] = [error] })
    {
    }
}

/// <summary>The operation clashes with the current state (a duplicate, a stale version, a full class).</summary>
public sealed class DomainConflictException(string message) : DomainException(message);

/// <summary>
/// A business rule says no to a well-formed request (a freeze beyond the allowance, a plan that is not on
/// sale); <see cref="Code"/> is the machine-readable reason clients switch on.
/// </summary>
public sealed class DomainRuleException(string code, string message) : DomainException(message)
{
    public string Code { get; } = code;
}
