namespace Liyaqa.Domain.Common;

/// <summary>Collects field errors of one operation and throws them together.</summary>
public sealed class DomainErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public DomainErrors Check(bool valid, string field, string error)
    {
        if (!valid)
        {
            if (!_errors.TryGetValue(field, out var list))
            {
                _errors[field] = list = [];
            }

            list.Add(error);
        }

        return this;
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new DomainValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
