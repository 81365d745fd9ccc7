namespace Liyaqa.Domain.Users;

/// <summary>What a club's user is to the club. A user may hold several roles.</summary>
public enum Role
{
    Owner,
    Admin,
    Manager,
    FrontDesk,
    Trainer,
    Member,
}
