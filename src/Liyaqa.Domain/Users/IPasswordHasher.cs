namespace Liyaqa.Domain.Users;

/// <summary>Hashes passwords for storage and checks them, including hashes from the previous platform (bcrypt).</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    PasswordCheck Verify(string hash, string password);

    /// <summary>Spends the time of a real check and fails: for sign-ins with no account, so they answer as slowly.</summary>
    PasswordCheck VerifyDecoy(string? password);
}
