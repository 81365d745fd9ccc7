namespace Liyaqa.AppHost.BackingServices;

/// <summary>A program the embedded backing services need is not installed; the message says what to install.</summary>
public sealed class MissingPrerequisiteException(string message) : Exception(message);
