using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace Ekopz.Api.Auth;

public static class AuthSetup
{
    public static void AddEkopzAuth(this IServiceCollection services, JwtSettings jwt)
    {
        services.AddSingleton(jwt);
        services.AddSingleton<TokenService>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                // Keep claim names as issued ("sub", "role", "kop") instead of the WS-* URIs.
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = JwtSettings.Issuer,
                    ValidAudience = JwtSettings.Audience,
                    IssuerSigningKey = jwt.Key,
                    ValidateIssuerSigningKey = true,
                    NameClaimType = Caller.NameClaim,
                    RoleClaimType = Caller.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });

        services.AddAuthorization(o =>
        {
            o.AddPolicy(Policies.Operator, p => p.RequireRole(Roles.Admin));
            o.AddPolicy(Policies.OperatorOrPengurus, p => p.RequireRole(Roles.Admin, Roles.Pengurus));
            o.AddPolicy(Policies.Pengurus, p => p.RequireRole(Roles.Pengurus));
            o.AddPolicy(Policies.Teller, p => p.RequireRole(Roles.Pengurus, Roles.Kasir));
            o.AddPolicy(Policies.StaffRead, p => p.RequireRole(Roles.Staff.ToArray()));
            o.AddPolicy(Policies.BoardRead, p => p.RequireRole(Roles.Pengurus, Roles.Kasir, Roles.Pengawas));
            o.AddPolicy(Policies.ApprovalRead, p => p.RequireRole(Roles.Pengurus, Roles.Pengawas));
            o.AddPolicy(Policies.MemberRead, p => p.RequireRole([.. Roles.Staff, Roles.Anggota]));
            o.AddPolicy(Policies.MemberOrTeller, p => p.RequireRole(Roles.Pengurus, Roles.Kasir, Roles.Anggota));
            o.AddPolicy(Policies.ShopManage, p => p.RequireRole(Roles.Pengurus, Roles.PengelolaToko));
            o.AddPolicy(Policies.ShopSell, p => p.RequireRole(Roles.Pengurus, Roles.Kasir, Roles.PengelolaToko));
            o.AddPolicy(Policies.ShopBuy, p => p.RequireRole(Roles.Pengurus, Roles.Kasir, Roles.PengelolaToko, Roles.Anggota));
            // Anything without a policy still needs a login.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
    }
}
