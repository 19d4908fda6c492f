using Ekopz.Api.Auth;
using Ekopz.Api.Hosting;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Platform;
using Ekopz.Projections;
using Ekopz.Web.Hosting;
using JasperFx;
using JasperFx.CodeGeneration;
using Marten;
using NodaTime;
using Scalar.AspNetCore;
using Wolverine;
using Wolverine.Http;
using Wolverine.ErrorHandling;
using Wolverine.Marten;

var builder = WebApplication.CreateBuilder(args);

// No DISCARD ALL per pooled checkout (docs/adr/0045).
var connectionString = Database.ForApi(Database.ConnectionString(builder.Configuration));

builder.Services.AddSingleton<IClock>(SystemClock.Instance);
builder.Services.AddSingleton<KoperasiContextCache>();
builder.Services.AddMarten(services =>
    {
        var opts = new StoreOptions();
        opts.Connection(connectionString);
        // The ledger projection takes each koperasi's chart from the same cache as the settings (docs/adr/0032).
        EkopzMarten.Configure(opts, services.GetRequiredService<KoperasiContextCache>());
        ApiDocuments.Configure(opts);
        // Drops a koperasi's cached settings, closed months and chart when this process commits a change to them.
        opts.Listeners.Add(services.GetRequiredService<KoperasiContextCache>().Invalidator);
        return opts;
    })
    // Wolverine opens the Marten sessions of handlers and endpoints (for the koperasi in the route) and commits them
    // through its transactional middleware (docs/adr/0025).
    .IntegrateWithWolverine()
    .ApplyAllDatabaseChangesOnStartup();

builder.Host.UseWolverine(opts =>
{
    opts.Discovery.IncludeAssembly(typeof(Program).Assembly);
#if EKOPZ_PREGENERATED
    // The handler and endpoint code `codegen write` wrote is compiled into this assembly: no Roslyn at start-up, and the
    // API's resident memory stays under issue 13's budget (docs/adr/0048). A chain without its type fails the start.
    // Marten 9 needs no such setting: its storage code is built without Roslyn (closed-shape storage, source generators).
    opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
#endif
    // Wolverine is the command pipeline here, not a message broker: no queues, no background agents polling the
    // database (they would add statements to every second of a load test). Its message tables exist but stay empty.
    opts.Durability.Mode = DurabilityMode.MediatorOnly;
    // Any handler or endpoint that uses a Marten session gets SaveChangesAsync and the transaction from Wolverine.
    opts.Policies.AutoApplyTransactions();
    // A concurrent writer won: decide again on fresh state (message handlers; see the ADR for HTTP endpoints).
    opts.OnException<ConcurrencyException>()
        .Or<Marten.Exceptions.ExistingStreamIdCollisionException>()
        .Or<DocumentAlreadyExistsException>()
        .RetryWithCooldown(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50),
            TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200));
});
builder.Services.AddWolverineHttp();
builder.Services.ConfigureSystemTextJsonForWolverineOrMinimalApi(o => ApiJson.Configure(o.SerializerOptions));

var auth = builder.Services.AddEkopzAuth(JwtSettings.FromConfiguration(builder.Configuration, builder.Environment.IsDevelopment()));
// The web console (src/Ekopz.Web), served by this host at /, reaching the API over HTTP.
builder.Services.AddEkopzWeb(auth);
builder.Services.AddSingleton<KoperasiDirectory>();
builder.Services.AddSingleton(new ReadDb(Npgsql.NpgsqlDataSource.Create(connectionString), Database.InteractiveReads(builder.Configuration, connectionString)));
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
SqlTrace.EnableIfAsked(app.Configuration, app.Services.GetRequiredService<ILoggerFactory>());

// The command-line side of the same program: `verify-books <kop>` checks the books and exits.
if (args.Length > 0 && args[0] == "verify-books")
    return await Ekopz.Api.Hosting.VerifyBooksCommand.Run(app.Services, args.Skip(1).ToArray());
// `rebuild [kop ...]` rebuilds the read models from the events and exits (docs/adr/0027).
if (args.Length > 0 && args[0] == "rebuild")
    return await Ekopz.Api.Hosting.RebuildCommand.Run(app.Services, args.Skip(1).ToArray());
// `rat-pack <kop> <year> [out.zip]` writes the RAT pack of a closed year and exits (docs/adr/0034).
if (args.Length > 0 && args[0] == "rat-pack")
    return await Ekopz.Api.Hosting.RatPackCommand.Run(app.Services, args.Skip(1).ToArray());

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
// The koperasi of a request is its {kop} route value, or {slug} on the public routes (docs/adr/0042): Wolverine opens the
// Marten session for that tenant. No route has both.
app.MapWolverineEndpoints(opts =>
{
    opts.TenantId.IsRouteArgumentNamed("kop");
    opts.TenantId.IsRouteArgumentNamed("slug");
    // A write that lost a race runs again on fresh state (Wolverine.HTTP has no retry policies of its own; docs/adr/0037).
    opts.AddPolicy<ConflictRetry>();
});
app.MapEkopzWeb();

// `codegen write` (Wolverine's command line; ./ekopz runs it before the Release build, docs/adr/0048) writes the code of
// every handler and endpoint chain to Internal/Generated. Here, after MapWolverineEndpoints, so the HTTP chains exist.
if (args.Length > 0 && args[0] == "codegen")
    return await app.RunJasperFxCommands(args);

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the HTTP tests.</summary>
public partial class Program;
