using Ardalis.Specification;

namespace Liyaqa.Domain.Users.Specifications;

public sealed class UserByEmailSpec : SingleResultSpecification<User>
{
    public UserByEmailSpec(string email)
    {
        var normalized = User.NormalizeEmail(email);
        Query.Where(u => u.Email == normalized);
    }
}
