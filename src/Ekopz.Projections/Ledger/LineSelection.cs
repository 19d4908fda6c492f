using System.Text;
using Ekopz.Domain.Ledger;
using NodaTime;

namespace Ekopz.Projections.Ledger;

/// <summary>
/// Which journal lines a query reads, as SQL: the API's <c>LineFilter</c> (a report figure's lines and its drill-down link,
/// docs/adr/0013) turns into this, and <see cref="LedgerLineQueries"/> reads with it. The condition is written here, beside the
/// tables it names (docs/adr/0052); the link's query string and its parsing stay with the API.
/// </summary>
/// <param name="Dates">Business date spans, From null meaning since the first posting; both ends included.</param>
/// <param name="CashFlow">Cash flow category; lines without one count as <c>operating.other</c>, as in the cash flow statement.</param>
/// <param name="Side"><c>debit</c> or <c>credit</c>: only lines on that side.</param>
/// <param name="Counterparty"><c>member</c>, or <c>non_member</c> for every line not attributed to a member.</param>
/// <param name="Source">Only lines of entries made from this event type; <see cref="ExcludeSource"/> leaves them out.</param>
public sealed record LineSelection(
    IReadOnlyList<(LocalDate? From, LocalDate To)> Dates,
    Instant? KnownAt = null,
    IReadOnlyList<string>? Accounts = null,
    IReadOnlyList<string>? Kinds = null,
    string? CashFlow = null,
    string? Side = null,
    string? Counterparty = null,
    string? Source = null,
    string? ExcludeSource = null)
{
    public const string Debit = "debit";
    public const string Credit = "credit";
    public const string Member = "member";
    public const string NonMember = "non_member";

    /// <summary>Does any line need its entry (for the source) to be selected?</summary>
    public bool NeedsEntry => Source is not null || ExcludeSource is not null;

    /// <summary>Can the daily totals (per account, day, kind and counterparty) answer for these lines, less those recorded after knownAt?</summary>
    public bool DailyTotalsSuffice => CashFlow is null && Side is null && !NeedsEntry;

    /// <summary>Selects by business date and knownAt only: whole entries, as the unfiltered journal lists them.</summary>
    public bool ByDateOnly => Accounts is null && Kinds is null && Counterparty is null && DailyTotalsSuffice;

    /// <summary>The same lines, on the days of <paramref name="from"/>..<paramref name="to"/> only.</summary>
    public LineSelection Within(LocalDate from, LocalDate to) => this with
    {
        Dates = Dates.Select(d => (From: (LocalDate?)(d.From is { } f && f > from ? f : from), To: d.To < to ? d.To : to))
            .Where(d => d.From <= d.To).ToList(),
    };

    /// <summary>How the condition treats knownAt: lines known then (reports), lines recorded after it (subtracted from daily totals), or neither.</summary>
    public enum Known
    {
        Then,
        Later,
        Ignore,
    }

    /// <summary>
    /// The SQL condition on alias <paramref name="a"/> (<c>ledger_lines</c>, or <c>ledger_daily</c> or
    /// <c>ledger_entries</c> for the conditions they have columns for) and on <c>ledger_entries e</c> when
    /// <see cref="NeedsEntry"/>, tenant included, with its parameters.
    /// </summary>
    public (string Sql, List<(string Name, object Value)> Parameters) Where(string tenant, string a = "l", Known known = Known.Then)
    {
        var p = new List<(string, object)> { ("t", tenant) };
        var sql = new StringBuilder($"{a}.tenant_id = @t and (");
        for (var i = 0; i < Dates.Count; i++)
        {
            if (i > 0) sql.Append(" or ");
            sql.Append($"{a}.business_date between @f{i} and @to{i}");
            p.Add(($"f{i}", LedgerDates.Column(Dates[i].From ?? LocalDate.MinIsoValue)));
            p.Add(($"to{i}", LedgerDates.Column(Dates[i].To)));
        }
        if (Dates.Count == 0) sql.Append("false");
        sql.Append(')');
        if (KnownAt is { } k && known != Known.Ignore)
        {
            sql.Append(known == Known.Then ? $" and {a}.recorded_at <= @k" : $" and {a}.recorded_at > @k");
            p.Add(("k", k.ToDateTimeUtc()));
        }
        if (Accounts is not null)
        {
            sql.Append($" and {a}.account_code = any(@accounts)");
            p.Add(("accounts", Accounts.ToArray()));
        }
        if (Kinds is not null)
        {
            sql.Append($" and {a}.kind = any(@kinds)");
            p.Add(("kinds", Kinds.ToArray()));
        }
        if (CashFlow is not null)
        {
            sql.Append($" and coalesce({a}.cash_flow, @otherCashFlow) = @cashFlow");
            p.Add(("otherCashFlow", CashFlows.OtherOperating));
            p.Add(("cashFlow", CashFlow));
        }
        if (Side == Debit) sql.Append($" and {a}.debit <> 0");
        if (Side == Credit) sql.Append($" and {a}.credit <> 0");
        // Daily totals keep "no counterparty" as '' where lines keep null; both conditions hold for either.
        if (Counterparty == Member) sql.Append($" and {a}.counterparty = 'member'");
        if (Counterparty == NonMember) sql.Append($" and {a}.counterparty is distinct from 'member'");
        if (Source is not null)
        {
            sql.Append(" and e.source = @source");
            p.Add(("source", Source));
        }
        if (ExcludeSource is not null)
        {
            sql.Append(" and e.source <> @excludeSource");
            p.Add(("excludeSource", ExcludeSource));
        }
        return (sql.ToString(), p);
    }
}
