using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Members;

/// <summary>A problem with one row of an import file (row 1 is the first line after the header).</summary>
public sealed record ImportRowError(int Row, string Field, string Message);
