using Ardalis.Specification;

namespace Liyaqa.Domain.Users.Specifications;

public sealed class RefreshTokenByHashSpec : SingleResultSpecification<RefreshToken>
{
    public RefreshTokenByHashSpec(string secret)
    {
        var hash = RefreshToken.HashOf(secret);
        Query.Where(t => t.TokenHash == hash);
    }
}

public sealed class RefreshTokenFamilySpec : Specification<RefreshToken>
{
    public RefreshTokenFamilySpec(Guid familyId) => Query.Where(t => t.FamilyId == familyId && t.RevokedAt == null);
}

public sealed class UserRefreshTokensSpec : Specification<RefreshToken>
{
    public UserRefreshTokensSpec(Guid userId) => Query.Where(t => t.UserId == userId && t.RevokedAt == null);
}
