using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Domain.Ledger;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Reports;

public sealed record ParticipationView(ReportSection Revenues, ReportSection CostOfGoods, decimal Net);

public sealed record IncomeStatementView(
    LocalDate From, LocalDate To, Instant? KnownAt,
    ParticipationView Member, ParticipationView NonMember,
    ReportSection OperatingExpenses, decimal ShuBeforeTax, ReportSection IncomeTax, decimal ShuAfterTax);

/// <summary>
/// Laporan perhitungan hasil usaha (PHU) for a period: member participation (revenue from members,
/// member cost of goods) apart from business with non-members, then operating expenses, SHU before
/// and after tax. Year-end closing entries are left out (they would zero the year).
/// Revenue lines carry the counterparty class their posting rule gave them; revenue with none
/// (manual journals, other income) counts as non-member business.
/// </summary>
public static class IncomeStatementEndpoint
{
    /// <summary>Income statement (laporan perhitungan hasil usaha)</summary>
    /// <remarks>
    /// Pengurus or pengawas. For <c>from</c>..<c>to</c>: revenue and cost of business with members apart from business with
    /// non-members, operating expenses, SHU before and after tax; year-end closing entries left out. JSON or CSV.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/reports/income-statement", OperationId = "getIncomeStatement")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Reports")]
    [ProducesResponseType<IncomeStatementView>(200)]
    public static async Task<IResult> Get(string kop, string? from, string? to, string? knownAt, HttpContext http, IDocumentStore store, IClock clock,
        LedgerQueries ledger)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var (start, end) = ctx.Period(from, to);
        var known = QueryParams.Instant(knownAt, "knownAt");
        var totals = await ledger.Totals(kop, start, end, known, LedgerQueries.RegularOnly, true, http.RequestAborted);
        var view = Build(ctx, start, end, known, totals);
        if (!Csv.Wanted(http)) return Results.Json(view, ApiJson.Options);
        var sections = new[] { view.Member.Revenues, view.Member.CostOfGoods, view.NonMember.Revenues, view.NonMember.CostOfGoods,
            view.OperatingExpenses, view.IncomeTax };
        return Csv.Result($"income-statement-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv", ["section", "accountCode", "accountName", "amount"],
            sections.SelectMany(s => s.Lines.Select(l => (IReadOnlyList<object?>)[s.Name, l.AccountCode, l.AccountName, l.Amount])
                .Append([s.Name, "", "TOTAL", s.Total]))
            .Append(["summary", "", "SHU SEBELUM PAJAK", view.ShuBeforeTax])
            .Append(["summary", "", "SHU SETELAH PAJAK", view.ShuAfterTax]));
    }

    public static IncomeStatementView Build(ReportContext ctx, LocalDate start, LocalDate end, Instant? known, IReadOnlyList<AccountTotals> totals)
    {
        var chart = ctx.Chart;
        var cogsMember = chart.CodeFor(AccountRoles.ShopCogsMember, end);
        var cogsNonMember = chart.CodeFor(AccountRoles.ShopCogsNonMember, end);
        var incomeTax = chart.CodeFor(AccountRoles.IncomeTaxExpense, end);
        var memberRevenue = new Dictionary<string, decimal>();
        var nonMemberRevenue = new Dictionary<string, decimal>();
        var expenses = new Dictionary<string, decimal>();
        foreach (var t in totals)
        {
            var account = chart.Find(t.Code);
            if (account is null) continue;
            if (account.Class == AccountClass.Revenue)
            {
                var bucket = t.Counterparty == "member" ? memberRevenue : nonMemberRevenue;
                bucket[t.Code] = bucket.GetValueOrDefault(t.Code) - t.DebitBalance;
            }
            else if (account.Class == AccountClass.Expense)
                expenses[t.Code] = expenses.GetValueOrDefault(t.Code) + t.DebitBalance;
        }

        // Each line's lines: the account's regular entries in the period (closing entries left out, as here),
        // revenue only those of its counterparty class.
        string Link(string code, string? counterparty) => ctx.LinesLink(new LineFilter([new DateSpan(start, end)], known, [code], [EntryKinds.Regular],
            Counterparty: counterparty));
        ReportSection Section(string name, IEnumerable<KeyValuePair<string, decimal>> amounts, string? counterparty = null)
        {
            var lines = amounts.Where(a => a.Value != 0).OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => new ReportLine(a.Key, ctx.NameOf(a.Key, end), a.Value, Link(a.Key, counterparty))).ToList();
            return new ReportSection(name, lines, lines.Sum(l => l.Amount));
        }

        var member = Participation("Partisipasi bruto anggota", "HPP anggota", memberRevenue, LineFilter.Member, expenses.Where(e => e.Key == cogsMember));
        var nonMember = Participation("Pendapatan dari non-anggota", "HPP non-anggota", nonMemberRevenue, LineFilter.NonMember,
            expenses.Where(e => e.Key == cogsNonMember));
        var operating = Section("Beban usaha", expenses.Where(e => e.Key != cogsMember && e.Key != cogsNonMember && e.Key != incomeTax));
        var tax = Section("Pajak penghasilan", expenses.Where(e => e.Key == incomeTax));
        var beforeTax = member.Net + nonMember.Net - operating.Total;
        return new IncomeStatementView(start, end, known, member, nonMember, operating, beforeTax, tax, beforeTax - tax.Total);

        ParticipationView Participation(string revenueName, string cogsName, Dictionary<string, decimal> revenue, string counterparty,
            IEnumerable<KeyValuePair<string, decimal>> cogs)
        {
            var r = Section(revenueName, revenue, counterparty);
            var c = Section(cogsName, cogs);
            return new ParticipationView(r, c, r.Total - c.Total);
        }
    }
}
