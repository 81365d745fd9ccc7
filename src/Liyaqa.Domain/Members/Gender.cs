using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Members;

public enum Gender
{
    Unspecified,
    Male,
    Female,
}
