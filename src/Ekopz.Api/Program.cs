using Ekopz.Api.Auth;
using Ekopz.Api.Hosting;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Platform;
using Ekopz.Projections;
using Ekopz.Web.Hosting;
using JasperFx;
using Marten;
using NodaTime;
using Scalar.AspNetCore;
using Wolverine;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);

var connectionString = Database.ConnectionString(builder.Configuration);

builder.Services.AddSingleton<IClock>(SystemClock.Instance);
builder.Services.AddMarten(opts =>
    {
        opts.Connection(connectionString);
        EkopzMarten.Configure(opts);
        ApiDocuments.Configure(opts);
    })
    .ApplyAllDatabaseChangesOnStartup();

builder.Host.UseWolverine(opts =>
{
    // Endpoints live in this assembly; no message persistence is needed yet.
    opts.Discovery.IncludeAssembly(typeof(Program).Assembly);
});
builder.Services.AddWolverineHttp();
builder.Services.ConfigureSystemTextJsonForWolverineOrMinimalApi(o => ApiJson.Configure(o.SerializerOptions));

var auth = builder.Services.AddEkopzAuth(JwtSettings.FromConfiguration(builder.Configuration, builder.Environment.IsDevelopment()));
// The web console (src/Ekopz.Web), served by this host at /, reaching the API over HTTP.
builder.Services.AddEkopzWeb(auth);
builder.Services.AddSingleton<KoperasiDirectory>();
builder.Services.AddSingleton<CommandRunner>();
builder.Services.AddSingleton(new ReadDb(Npgsql.NpgsqlDataSource.Create(connectionString)));
builder.Services.AddSingleton<Ekopz.Api.Members.Exiting.IMemberObligations, Ekopz.Api.Members.Exiting.MemberObligations>();
builder.Services.AddSingleton<Ekopz.Api.Members.Exiting.IMemberObligationSource, Ekopz.Api.Loans.Exiting.LoanObligations>();
builder.Services.AddSingleton<Ekopz.Api.Ledger.LedgerQueries>();
builder.Services.AddSingleton<Ekopz.Api.Ledger.LedgerLines>();
builder.Services.AddSingleton(Ekopz.Api.Ledger.ReportLimits.FromConfiguration(builder.Configuration));
builder.Services.AddSingleton<Ekopz.Api.Ledger.LedgerVerifier>();
builder.Services.AddSingleton<Ekopz.Api.Shu.ShuBasisQuery>();
builder.Services.AddSingleton<DemoSeeder>();
builder.Services.AddSingleton<Ekopz.Api.Community.ApplicationLimits>();
builder.Services.AddSingleton<Ekopz.Domain.Shop.IShippingRates, Ekopz.Domain.Shop.FlatRateShipping>();
builder.Services.AddSingleton<Ekopz.Api.Shop.Credit.MemberCreditLedger>();
builder.Services.AddSingleton<Ekopz.Api.Members.Exiting.IMemberObligationSource, Ekopz.Api.Shop.Credit.ShopCreditObligations>();
builder.Services.AddHostedService<Bootstrap>();
builder.Services.AddEkopzOpenApi();
builder.Services.AddEkopzCors(builder.Configuration);

var app = builder.Build();

// The command-line side of the same program: `verify-books <kop>` checks the books and exits.
if (args.Length > 0 && args[0] == "verify-books")
    return await Ekopz.Api.Hosting.VerifyBooksCommand.Run(app.Services, args.Skip(1).ToArray());
// `rebuild [kop ...]` rebuilds the read models from the events and exits (docs/adr/0027).
if (args.Length > 0 && args[0] == "rebuild")
    return await Ekopz.Api.Hosting.RebuildCommand.Run(app.Services, args.Skip(1).ToArray());

app.UseMiddleware<ApiSecurityHeaders>();
app.UseMiddleware<Correlation>();
// Every API error is problem details with a code, whatever produced it (docs/adr/0020).
app.UseMiddleware<ProblemStatusPages>();
app.UseMiddleware<ErrorHandling>();
app.UseEkopzWeb();
app.UseRouting();
app.UseEkopzCors();
app.UseAuthentication();
app.UseMiddleware<RouteValueGate>();
app.UseMiddleware<TenantGate>();
app.UseAuthorization();
app.UseAntiforgery();
app.UseMiddleware<QueryValidation>();
app.UseMiddleware<JsonBodyValidation>();

app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
// No fonts from Scalar's CDN: the page's content security policy allows only this host (docs/adr/0018).
app.MapScalarApiReference("/docs", o => o.WithTitle("Ekopz API").WithOpenApiRoutePattern("/openapi/{documentName}.json").WithDefaultFonts(false)).AllowAnonymous();
app.MapGet("/health", () => Results.Ok(new { status = "ok" })).AllowAnonymous().ExcludeFromDescription();
app.MapWolverineEndpoints();
app.MapEkopzWeb();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the HTTP tests.</summary>
public partial class Program;
