namespace Liyaqa.Domain.Users;

public enum PasswordCheck
{
    Wrong,
    Correct,

    /// <summary>Correct, but stored with an older scheme: store a fresh hash.</summary>
    CorrectNeedsRehash,
}
