using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace Ekopz.Api.Auth;

public static class AuthSetup
{
    /// <summary>The default scheme: bearer tokens for the API, the console's cookie for its pages.</summary>
    public const string Scheme = "ekopz";

    public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder AddEkopzAuth(this IServiceCollection services, JwtSettings jwt)
    {
        services.AddSingleton(jwt);
        services.AddSingleton<TokenService>();
        // Sign-in limits, lockout and the login streams (docs/adr/0018).
        services.AddSingleton(sp => SignInSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<SignInLimits>();
        services.AddSingleton<Logins>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        // The API answers only to bearer tokens (a cookie never authorises an API call, so no cross-site
        // request can move money); the console's pages answer only to its session cookie.
        var auth = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API token or console session", o => o.ForwardDefaultSelector = http =>
                Ekopz.Web.Hosting.WebSetup.IsConsole(http.Request.Path) ? Ekopz.Web.Session.ConsoleSession.Scheme : JwtBearerDefaults.AuthenticationScheme);
        auth.AddJwtBearer(o =>
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
        // A token's lifetime is judged by the clock that issued it (the injected IClock, docs/adr/0005 and 0040), not by
        // the machine's: a test host on a FakeClock, or a server whose IClock is moved, issues and checks on one time line.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).PostConfigure<NodaTime.IClock>((o, clock) =>
            o.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                var now = clock.GetCurrentInstant().ToDateTimeUtc();
                return expires is not null && now < expires.Value.ToUniversalTime() + parameters.ClockSkew
                    && (notBefore is null || notBefore.Value.ToUniversalTime() - parameters.ClockSkew <= now);
            });

        services.AddAuthorization(o =>
        {
            o.AddPolicy(Policies.Operator, p => p.RequireRole(Roles.Admin));
            o.AddPolicy(Policies.OperatorOrPengurus, p => p.RequireRole(Roles.Admin, Roles.Pengurus));
            o.AddPolicy(Policies.Pengurus, p => p.RequireRole(Roles.Pengurus));
            o.AddPolicy(Policies.Teller, p => p.RequireRole(Roles.Pengurus, Roles.Kasir));
            // Reads, least data per role (docs/adr/0017).
            o.AddPolicy(Policies.StaffRead, p => p.RequireRole(Roles.Staff.ToArray()));
            o.AddPolicy(Policies.BoardRead, p => p.RequireRole(Roles.Pengurus, Roles.Pengawas));
            o.AddPolicy(Policies.ApprovalRead, p => p.RequireRole(Roles.Pengurus, Roles.Pengawas));
            o.AddPolicy(Policies.CounterRead, p => p.RequireRole(Roles.Counter.ToArray()));
            o.AddPolicy(Policies.MemberRead, p => p.RequireRole([.. Roles.Counter, Roles.Anggota]));
            o.AddPolicy(Policies.KoperasiRead, p => p.RequireRole([.. Roles.Staff, Roles.Anggota]));
            o.AddPolicy(Policies.ShopUnitRead, p => p.RequireRole(Roles.Pengurus, Roles.Pengawas, Roles.PengelolaToko));
            o.AddPolicy(Policies.UsersRead, p => p.RequireRole(Roles.Admin, Roles.Pengurus, Roles.Pengawas));
            o.AddPolicy(Policies.MemberOrTeller, p => p.RequireRole(Roles.Pengurus, Roles.Kasir, Roles.Anggota));
            o.AddPolicy(Policies.ShopManage, p => p.RequireRole(Roles.Pengurus, Roles.PengelolaToko));
            o.AddPolicy(Policies.ShopSell, p => p.RequireRole(Roles.Pengurus, Roles.Kasir, Roles.PengelolaToko));
            o.AddPolicy(Policies.ShopBuy, p => p.RequireRole(Roles.Pengurus, Roles.Kasir, Roles.PengelolaToko, Roles.Anggota));
            // Anything without a policy still needs a login.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        return auth;
    }
}
