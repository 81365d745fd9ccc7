namespace Liyaqa.Domain.Users;

/// <summary>What a new password must be: at least 10 characters, not a commonly used one, not the email.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    // Frequent entries of public breach corpora that reach 10 characters; extended as needed.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "1234567890", "0123456789", "12345678910", "1234567891", "123456789a", "a123456789", "qwertyuiop",
        "password123", "password12", "password1234", "passw0rd123", "password!1", "iloveyou12", "qwerty1234",
        "qwerty12345", "1q2w3e4r5t", "1qaz2wsx3edc", "zaq12wsxcde", "abcdefghij", "abc1234567", "1111111111",
        "0000000000", "aaaaaaaaaa", "welcome123", "welcome1234", "letmein123", "football12", "baseball12",
        "sunshine12", "princess12", "administrator", "admin12345", "admin123456", "changeme123", "trustno1234",
        "superman12", "dragon1234", "monkey1234", "master1234", "michael123", "liverpool1", "chocolate1",
        "q1w2e3r4t5", "asdfghjkl1", "asdfghjkl;", "zxcvbnm123", "987654321a", "9876543210", "p@ssw0rd12",
        "p@ssword123", "Password1!", "Passw0rd!1", "P@ssw0rd123", "P@$$w0rd12", "Aa123456789", "Qwerty123!",
    };

    public static IEnumerable<string> Problems(string? password, string? email = null)
    {
        password ??= string.Empty;
        if (password.Length < MinLength)
        {
            yield return $"Use at least {MinLength} characters.";
        }

        if (password.Length > MaxLength)
        {
            yield return $"Use at most {MaxLength} characters.";
        }

        if (Common.Contains(password))
        {
            yield return "This password is too common; choose another.";
        }

        if (!string.IsNullOrEmpty(email) && password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase) && email.Split('@')[0].Length >= 4)
        {
            yield return "Do not build the password from your email address.";
        }
    }
}
