namespace Liyaqa.Domain.Common;

/// <summary>A domain rule refused an operation; the API maps each kind to one problem response.</summary>
public abstract class DomainException(string message) : Exception(message);
