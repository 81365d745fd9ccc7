namespace Liyaqa.Domain.Users;

/// <summary>Hashes passwords for storage and checks them, including hashes from the previous platform (bcrypt).</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    PasswordCheck Verify(string hash, string password);
}

public enum PasswordCheck
{
    Wrong,
    Correct,

    /// <summary>Correct, but stored with an older scheme: store a fresh hash.</summary>
    CorrectNeedsRehash,
}
