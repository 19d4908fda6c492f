using System.Net;
using System.Text.Json.Nodes;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Loans;

/// <summary>Helpers for loan scenarios: capital to lend from, dates relative to today, a loan taken through its life.</summary>
public static class LoanKit
{
    /// <summary>
    /// A date <paramref name="days"/> before the koperasi's today. It must be the koperasi's today in Jakarta,
    /// not UTC's: from 17:00 UTC Jakarta is already on the next day, and a loan the API dates "today" would
    /// fall after a report asked for UTC's today.
    /// </summary>
    public static string DaysAgo(int days) =>
        EkopzApp.Today("Asia/Jakarta").PlusDays(-days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Today => DaysAgo(0);

    public static string Plus(string date, int months = 0, int days = 0) =>
        DateOnly.Parse(date).AddMonths(months).AddDays(days).ToString("yyyy-MM-dd");

    /// <summary>
    /// Own capital for the lending limit: a grant (hibah) into the bank, proposed by one pengurus and
    /// approved by the other, dated <paramref name="date"/>.
    /// </summary>
    public static async Task Capital(this TestKoperasi kop, decimal amount, string date)
    {
        var proposed = (await kop.Pengurus.Post(kop.Url("ledger/adjustments"), new
        {
            businessDate = date,
            description = "Hibah modal dari Dinas Koperasi",
            lines = new object[]
            {
                new { accountCode = "1-1010", debit = amount, credit = 0, cashFlow = "financing.other" },
                new { accountCode = "3-1300", debit = 0, credit = amount },
            },
        })).ShouldBe(HttpStatusCode.Accepted);
        (await kop.Pengurus2.Post(kop.Url($"ledger/adjustments/{proposed.Guid("adjustmentId")}/approve"))).ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>A pengurus files an application for the member; returns the loan id.</summary>
    public static async Task<Guid> Apply(this TestKoperasi kop, Guid member, decimal principal = 12_000_000m, int periods = 12, decimal rate = 18m,
        string method = "flat", string? date = null, Guid? productId = null)
    {
        var reply = (await kop.Pengurus.Post(kop.Url($"members/{member}/loans"),
            productId is null
                ? new { principal, periods, annualRate = (decimal?)rate, method, businessDate = date, productId }
                : new { principal, periods, annualRate = (decimal?)null, method = (string?)null, businessDate = date, productId }))
            .ShouldBe(HttpStatusCode.Created);
        reply.String("status").Should().Be("applied");
        return reply.Guid("loanId");
    }

    /// <summary>Applied and approved on <paramref name="date"/>, paid out by the kasir: an active loan.</summary>
    public static async Task<Guid> ActiveLoan(this TestKoperasi kop, Guid member, string date, decimal principal = 12_000_000m, int periods = 12,
        decimal rate = 18m, string method = "flat", Guid? productId = null, string channel = "counter")
    {
        var loan = await kop.Apply(member, principal, periods, rate, method, date, productId);
        (await kop.Pengurus2.Post(kop.Url($"loans/{loan}/approve"), new { businessDate = date })).ShouldBe(HttpStatusCode.OK);
        (await kop.Kasir.Post(kop.Url($"loans/{loan}/disburse"), new { businessDate = date, channel })).ShouldBe(HttpStatusCode.OK)
            .String("status").Should().Be("active");
        return loan;
    }

    public static async Task<Reply> Pay(this TestKoperasi kop, Guid loan, decimal amount, string? date = null, string? key = null) =>
        (await kop.Kasir.Post(kop.Url($"loans/{loan}/payments"), new { amount, businessDate = date }, key)).ShouldBe(HttpStatusCode.Created);

    public static async Task<Reply> Loan(this TestKoperasi kop, Guid loan, string? asOf = null) =>
        (await kop.Pengawas.Get(kop.Url($"loans/{loan}" + (asOf is null ? "" : $"?asOf={asOf}")))).ShouldBe(HttpStatusCode.OK);

    /// <summary>
    /// Every loan on the koperasi's list as of a date, page by page until the total the store counted is reached: the pages
    /// together hold exactly that many loans, none twice. Nothing is left out because a list was capped.
    /// </summary>
    public static async Task<List<JsonNode>> AllLoans(this TestKoperasi kop, string asOf, string? status = null, int pageSize = 100)
    {
        var all = new List<JsonNode>();
        long? total = null;
        for (var page = 1; total is null || all.Count < total; page++)
        {
            var reply = (await kop.Pengawas.Get(kop.Url($"loans?asOf={asOf}&page={page}&pageSize={pageSize}" + (status is null ? "" : $"&status={status}"))))
                .ShouldBe(HttpStatusCode.OK);
            reply.Json["page"]!.GetValue<int>().Should().Be(page);
            var pageTotal = reply.Json["total"]!.GetValue<long>();
            total ??= pageTotal;
            pageTotal.Should().Be(total.Value, "the total does not change from page to page");
            var loans = reply.Json["loans"]!.AsArray().Select(l => l!.DeepClone()).ToList();
            loans.Count.Should().Be((int)Math.Min(pageSize, total.Value - all.Count), $"page {page} of {total} loans by {pageSize}");
            if (loans.Count == 0) break;
            all.AddRange(loans);
        }
        all.Select(l => l["loanId"]!.GetValue<Guid>()).Should().OnlyHaveUniqueItems();
        return all;
    }

    /// <summary>The loan receivable control account on a date.</summary>
    public static async Task<decimal> Receivable(this TestKoperasi kop, string date) => (await BookChecks.TrialBalance(kop, date)).Of("1-1100");
}
