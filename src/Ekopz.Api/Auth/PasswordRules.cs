namespace Ekopz.Api.Auth;

/// <summary>
/// What a password must be, wherever one is set: a new login, a reset by the pengurus, a change by its owner, the
/// operator's at first start (docs/adr/0018). 8-200 characters, not the username, not one of the passwords every
/// attacker tries first.
/// </summary>
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
        if (IsCommon(password))
            return "This password is one of the most common ones; choose another.";
        return null;
    }

    /// <summary>Is <paramref name="password"/> (ignoring case and surrounding spaces) on the list of common passwords?</summary>
    public static bool IsCommon(string password) => Common.Contains(password.Trim());

    /// <summary>
    /// About a hundred of the passwords tried first: the top of the public leaked-password lists (those of 8 characters
    /// or more; shorter ones fail the length rule anyway), and what people in Indonesia choose (words of faith, the
    /// country, the cooperative, the family, football clubs). Not a dictionary: the point is to stop the first guesses,
    /// which the sign-in limits alone would let through in the first minute.
    /// </summary>
    public static readonly IReadOnlySet<string> Common = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        // Digits and keyboard walks.
        "12345678", "123456789", "1234567890", "12345678910", "0123456789", "11111111", "00000000", "88888888", "87654321",
        "12341234", "11223344", "12121212", "123123123", "987654321", "147258369", "123456123", "112233445566", "99999999",
        "qwerty123", "qwertyuiop", "qwerty12", "qwerty1234", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx", "zaq12wsx", "asdfghjkl",
        "asdf1234", "abcd1234", "abc12345", "abcdefgh", "aaaaaaaa", "123qweasd", "qweasdzxc", "q1w2e3r4", "a1b2c3d4",
        // The world's favourites.
        "password", "password1", "password12", "password123", "password1234", "passw0rd", "p@ssw0rd", "p@ssword", "pass1234",
        "admin123", "admin1234", "admin12345", "administrator", "iloveyou", "iloveyou1", "sunshine", "princess", "football",
        "baseball", "superman", "starwars", "whatever", "trustno1", "welcome1", "welcome123", "letmein1", "dragon123",
        "monkey123", "computer", "internet", "freedom1", "master123", "michael1", "jennifer", "charlie1", "shadow123",
        "changeme", "default1", "secret123", "test1234", "testing123", "user1234",
        // Indonesia.
        "bismillah", "bismillah123", "alhamdulillah", "assalamualaikum", "allahuakbar", "indonesia", "indonesia1",
        "indonesia123", "merdeka45", "merdeka1945", "pancasila", "garuda123", "jakarta123", "bandung123", "surabaya",
        "sayangku", "sayang123", "cintaku", "cinta123", "rahasia", "rahasia123", "katasandi", "katasandi123", "sandi123",
        "keluarga", "sukses123", "semangat", "semangat123", "cantik123", "ganteng123", "doraemon", "persija1928",
        "persib1933", "aremania",
        // The cooperative itself.
        "koperasi", "koperasi1", "koperasi123", "kopkar123", "anggota123", "pengurus", "pengurus123", "kasir123", "simpanan",
        "pinjaman", "ekopz123",
    };
}
