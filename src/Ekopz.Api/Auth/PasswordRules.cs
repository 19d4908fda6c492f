namespace Ekopz.Api.Auth;

/// <summary>What a password must be, wherever one is set (a new login, a reset by the pengurus).</summary>
public static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 200;

    /// <summary>The problem with <paramref name="password"/> for <paramref name="username"/>, or null when it will do.</summary>
    public static string? Problem(string username, string? password)
    {
        if (password is null || password.Length < MinLength || password.Length > MaxLength)
            return $"The password must have {MinLength}-{MaxLength} characters.";
        // The first thing anyone guesses; compared ignoring case because usernames are stored lowercased.
        if (string.Equals(password.Trim(), username, StringComparison.OrdinalIgnoreCase))
            return "The password may not be the username.";
        return null;
    }
}
