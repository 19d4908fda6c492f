using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace Ekopz.Api.Auth;

/// <summary>Issues short-lived JWT access tokens (HMAC-SHA256) and opaque refresh tokens.</summary>
public sealed class TokenService(JwtSettings settings, IClock clock)
{
    public static readonly Duration AccessLifetime = Duration.FromMinutes(60);
    public static readonly Duration RefreshLifetime = Duration.FromDays(14);

    public (string Token, int ExpiresIn) IssueAccessToken(UserAccount user)
    {
        var now = clock.GetCurrentInstant();
        var claims = new List<Claim>
        {
            new(Caller.NameClaim, user.Id),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        if (user.Koperasi is not null) claims.Add(new Claim(Caller.KoperasiClaim, user.Koperasi));
        if (user.MemberId is not null) claims.Add(new Claim(Caller.MemberClaim, user.MemberId.Value.ToString()));
        claims.AddRange(user.Roles.Select(r => new Claim(Caller.RoleClaim, r)));

        var token = new JwtSecurityToken(
            issuer: JwtSettings.Issuer,
            audience: JwtSettings.Audience,
            claims: claims,
            notBefore: now.ToDateTimeUtc(),
            expires: (now + AccessLifetime).ToDateTimeUtc(),
            signingCredentials: new SigningCredentials(settings.Key, SecurityAlgorithms.HmacSha256));
        return (new JwtSecurityTokenHandler().WriteToken(token), (int)AccessLifetime.TotalSeconds);
    }

    /// <summary>A random refresh token; only its hash is stored.</summary>
    public static string NewRefreshToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static string HashRefreshToken(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>The signing key. Comes from EKOPZ_JWT_KEY; Development may generate one per process.</summary>
public sealed class JwtSettings(SymmetricSecurityKey key)
{
    public const string Issuer = "ekopz";
    public const string Audience = "ekopz-api";
    public SymmetricSecurityKey Key { get; } = key;

    public static JwtSettings FromConfiguration(IConfiguration configuration, bool isDevelopment)
    {
        var text = configuration["EKOPZ_JWT_KEY"];
        if (string.IsNullOrWhiteSpace(text))
        {
            if (!isDevelopment)
                throw new InvalidOperationException("EKOPZ_JWT_KEY must be set (at least 32 characters) outside Development.");
            text = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        }
        if (text.Length < 32)
            throw new InvalidOperationException("EKOPZ_JWT_KEY must be at least 32 characters.");
        return new JwtSettings(new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }
}
