using System.Security.Cryptography;
using System.Text;

namespace Ekopz.Domain.Common;

/// <summary>
/// A secret that lets a person without an account follow what they started (a storefront order, an online membership
/// application): 192 random bits, URL-safe, handed to them once; only its SHA-256 is kept, so a copy of the database
/// opens nothing.
/// </summary>
public static class SecretToken
{
    public static (string Token, string Hash) New()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, HashOf(token));
    }

    public static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Does <paramref name="token"/> hash to <paramref name="hash"/>? In constant time.</summary>
    public static bool Opens(string? token, string? hash) =>
        token is { Length: > 0 and <= 100 } && hash is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(token)), Encoding.ASCII.GetBytes(hash));
}
