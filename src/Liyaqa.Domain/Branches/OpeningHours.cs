using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;
using Liyaqa.Domain.Tenants;

namespace Liyaqa.Domain.Branches;

/// <summary>The hours a branch is open on one day of the week (closing may pass midnight).</summary>
public sealed record OpeningHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);
