using System.Text.Json;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Api.Loans.Portfolio;
using Ekopz.Api.Periods;
using Ekopz.Api.Reports;
using Ekopz.Api.Savings.Balances;
using Ekopz.Api.Shu;
using Marten;
using NodaTime;
using W = Ekopz.Web.Api;

namespace Ekopz.Api.Documents;

/// <summary>
/// The console's API client answered in this process: each read the RAT pack makes runs the endpoint's own method and its JSON
/// answer is read back into the client's types, exactly as over HTTP. So the pack made by the API endpoint or by
/// <c>./ekopz rat-pack</c> holds the same figures, laid out by the same code (<see cref="Ekopz.Web.Documents.RatPack"/>), as the
/// console's downloads, without a server to call or a token to mint. The caller's right to read was checked before (the pack's
/// endpoint is board-read, like every read here); a read that is not overridden fails loudly rather than going to the network.
/// </summary>
public sealed class InProcessApi(IServiceProvider services) : W.EkopzApi(new HttpClient(new Refuse()) { BaseAddress = new Uri("http://in-process/") })
{
    private T S<T>() where T : notnull => services.GetRequiredService<T>();

    public override Task<W.BalanceSheetView> GetBalanceSheetAsync(string kop, string? asOf = null, string? knownAt = null, CancellationToken ct = default) =>
        Read<W.BalanceSheetView>(http => BalanceSheetEndpoint.Get(kop, asOf, knownAt, http, S<IDocumentStore>(), S<IClock>(), S<LedgerQueries>()), ct);

    public override Task<W.IncomeStatementView> GetIncomeStatementAsync(string kop, string? from = null, string? to = null, string? knownAt = null,
        CancellationToken ct = default) =>
        Read<W.IncomeStatementView>(http => IncomeStatementEndpoint.Get(kop, from, to, knownAt, http, S<IDocumentStore>(), S<IClock>(), S<LedgerQueries>()), ct);

    public override Task<W.CashFlowView> GetCashFlowAsync(string kop, string? from = null, string? to = null, string? knownAt = null, CancellationToken ct = default) =>
        Read<W.CashFlowView>(http => CashFlowEndpoint.Get(kop, from, to, knownAt, http, S<IDocumentStore>(), S<IClock>(), S<LedgerQueries>(), S<LedgerLines>()), ct);

    public override Task<W.EquityChangesView> GetEquityChangesAsync(string kop, string? from = null, string? to = null, string? knownAt = null,
        CancellationToken ct = default) =>
        Read<W.EquityChangesView>(http => EquityChangesEndpoint.Get(kop, from, to, knownAt, http, S<IDocumentStore>(), S<IClock>(), S<LedgerQueries>(),
            S<LedgerLines>()), ct);

    public override Task<W.PeriodView> GetPeriodAsync(string kop, string period, CancellationToken ct = default) =>
        Read<W.PeriodView>(http => PeriodEndpoints.Get(kop, period, http, S<IDocumentStore>()), ct);

    public override async Task<ICollection<W.PeriodView>> ListPeriodsAsync(string kop, CancellationToken ct = default) =>
        await Read<List<W.PeriodView>>(http => PeriodEndpoints.List(kop, http, S<IDocumentStore>()), ct);

    public override Task<W.VerificationReport> VerifyBooksAsync(string kop, CancellationToken ct = default) =>
        Read<W.VerificationReport>(http => PeriodEndpoints.Verify(kop, http, S<LedgerVerifier>()), ct);

    public override async Task<ICollection<W.MemberShuDetail>> ListShuMembersAsync(string kop, int year, CancellationToken ct = default) =>
        await Read<List<W.MemberShuDetail>>(http => ShuEndpoints.Members(kop, year, http, S<IDocumentStore>()), ct);

    public override Task<W.LoanPortfolioView> GetLoanPortfolioAsync(string kop, string? asOf = null, CancellationToken ct = default) =>
        Read<W.LoanPortfolioView>(http => LoanPortfolioReport.Get(kop, asOf, http, S<IDocumentStore>(), S<IClock>(), S<LedgerQueries>()), ct);

    public override Task<W.SavingsBalancesView> ListSavingsBalancesAsync(string kop, string? asOf = null, CancellationToken ct = default) =>
        Read<W.SavingsBalancesView>(http => ListSavingsBalancesEndpoint.Get(kop, asOf, http, S<IDocumentStore>(), S<IClock>(), S<ReadDb>()), ct);

    /// <summary>Runs an endpoint method on a request of our own and reads its JSON answer as the client would.</summary>
    private async Task<T> Read<T>(Func<HttpContext, Task<IResult>> endpoint, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = ct };
        using var body = new MemoryStream();
        http.Response.Body = body;
        var result = await endpoint(http);
        await result.ExecuteAsync(http);
        body.Position = 0;
        if (http.Response.StatusCode >= 300)
        {
            var text = await new StreamReader(body).ReadToEndAsync(ct);
            throw new W.ApiException("The in-process read was refused.", http.Response.StatusCode, text,
                new Dictionary<string, IEnumerable<string>>(), null);
        }
        return (await JsonSerializer.DeserializeAsync<T>(body, JsonSerializerSettings, ct))!;
    }

    /// <summary>The HTTP path is never taken: a read the pack needs is overridden above.</summary>
    private sealed class Refuse : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"InProcessApi does not answer {request.RequestUri}; add an override for it.");
    }
}
