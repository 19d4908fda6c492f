using System.Text;
using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using NodaTime;
using NodaTime.Text;

namespace Ekopz.Api.Ledger;

/// <summary>Business dates from <see cref="From"/> (null: since the first posting) to <see cref="To"/>, both included.</summary>
public sealed record DateSpan(LocalDate? From, LocalDate To);

/// <summary>
/// Which journal lines a report figure is made of (docs/adr/0013). A report builds one filter per
/// figure, sums it in SQL, and turns the same filter into the figure's drill-down link;
/// <c>GET .../ledger/lines</c> parses that link back into the filter. One definition on both sides
/// is what makes "the lines behind a link sum to the figure" hold by construction.
/// </summary>
/// <param name="Dates">Usually one span; several only when a figure covers disjoint stretches of the period.</param>
/// <param name="CashFlow">Cash flow category; lines without one count as <c>operating.other</c>, as in the cash flow statement.</param>
/// <param name="Side"><c>debit</c> or <c>credit</c>: only lines on that side.</param>
/// <param name="Counterparty"><c>member</c>, or <c>non_member</c> for every line not attributed to a member (as the income statement splits).</param>
/// <param name="Source">Only lines of entries made from this event type; <see cref="ExcludeSource"/> leaves them out.</param>
public sealed record LineFilter(
    IReadOnlyList<DateSpan> Dates,
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

    public static LineFilter Between(LocalDate? from, LocalDate to, Instant? knownAt, IEnumerable<string>? accounts = null) =>
        new([new DateSpan(from, to)], knownAt, accounts?.ToList());

    /// <summary>Does any line need its entry (for the source) to be selected?</summary>
    public bool NeedsEntry => Source is not null || ExcludeSource is not null;

    /// <summary>The query string of <c>ledger/lines</c> that selects exactly these lines.</summary>
    public string Query()
    {
        var q = new List<string>();
        if (Accounts is not null) q.Add("accounts=" + Uri.EscapeDataString(string.Join(',', Accounts)));
        if (Dates.Count == 1)
        {
            if (Dates[0].From is { } f) q.Add($"from={Iso(f)}");
            q.Add($"to={Iso(Dates[0].To)}");
        }
        else q.Add("dates=" + string.Join(',', Dates.Select(d => $"{(d.From is { } f ? Iso(f) : "")}..{Iso(d.To)}")));
        if (Kinds is not null) q.Add("kind=" + string.Join(',', Kinds));
        if (CashFlow is not null) q.Add("cashFlow=" + Uri.EscapeDataString(CashFlow));
        if (Side is not null) q.Add("side=" + Side);
        if (Counterparty is not null) q.Add("counterparty=" + Counterparty);
        if (Source is not null) q.Add("source=" + Uri.EscapeDataString(Source));
        if (ExcludeSource is not null) q.Add("excludeSource=" + Uri.EscapeDataString(ExcludeSource));
        // Full precision: Instant.ToString() would drop the fraction and select other lines than the report summed.
        if (KnownAt is { } k) q.Add("knownAt=" + Uri.EscapeDataString(InstantPattern.ExtendedIso.Format(k)));
        return string.Join('&', q);
    }

    private static string Iso(LocalDate d) => LocalDatePattern.Iso.Format(d);

    /// <summary>The filter a <c>ledger/lines</c> request names; bad values are 400 <c>validation_failed</c>.</summary>
    public static LineFilter Parse(LocalDate today, string? accounts, string? from, string? to, string? dates, string? knownAt, string? kind,
        string? cashFlow, string? side, string? counterparty, string? source, string? excludeSource)
    {
        IReadOnlyList<DateSpan> spans;
        if (!string.IsNullOrWhiteSpace(dates))
        {
            if (from is not null || to is not null) throw DomainException.Validation("dates", "Give either dates or from/to, not both.");
            spans = dates.Split(',').Select(ParseSpan).ToList();
        }
        else
        {
            var end = Infrastructure.QueryParams.Date(to, "to") ?? today;
            var start = Infrastructure.QueryParams.Date(from, "from");
            if (start > end) throw DomainException.Validation("from", "The period starts after it ends.");
            spans = [new DateSpan(start, end)];
        }
        var kinds = List(kind);
        if (kinds?.Any(k => k is not (EntryKinds.Regular or EntryKinds.Closing or EntryKinds.Opening)) == true)
            throw DomainException.Validation("kind", "Entry kinds are regular, closing and opening.");
        CheckCashFlow(cashFlow);
        if (side is not (null or Debit or Credit)) throw DomainException.Validation("side", "The side is debit or credit.");
        if (counterparty is not (null or Member or NonMember)) throw DomainException.Validation("counterparty", "The counterparty is member or non_member.");
        return new LineFilter(spans, Infrastructure.QueryParams.Instant(knownAt, "knownAt"), List(accounts), kinds, cashFlow, side, counterparty,
            Blank(source), Blank(excludeSource));

        static DateSpan ParseSpan(string text)
        {
            var parts = text.Split("..");
            if (parts.Length != 2) throw DomainException.Validation("dates", $"'{text}' is not a span (from..to, from may be empty).");
            var end = Infrastructure.QueryParams.Date(parts[1], "dates") ?? throw DomainException.Validation("dates", $"'{text}' has no end.");
            var start = Infrastructure.QueryParams.Date(parts[0], "dates");
            if (start > end) throw DomainException.Validation("dates", $"'{text}' starts after it ends.");
            return new DateSpan(start, end);
        }

        static IReadOnlyList<string>? List(string? text) =>
            string.IsNullOrWhiteSpace(text) ? null : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

        static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>A cash flow category named in a query must be one of <see cref="CashFlows.All"/> (400 <c>validation_failed</c> otherwise).</summary>
    public static void CheckCashFlow(string? cashFlow)
    {
        if (cashFlow is not null && !CashFlows.All.Contains(cashFlow)) throw DomainException.Validation("cashFlow", $"'{cashFlow}' is not a cash flow category.");
    }

    /// <summary>Can the daily totals (per account, day, kind and counterparty) answer for these lines, less those recorded after knownAt?</summary>
    public bool DailyTotalsSuffice => CashFlow is null && Side is null && !NeedsEntry;

    /// <summary>Selects by business date and knownAt only: whole entries, as the unfiltered journal lists them.</summary>
    public bool ByDateOnly => Accounts is null && Kinds is null && Counterparty is null && DailyTotalsSuffice;

    /// <summary>The same lines, on the days of <paramref name="from"/>..<paramref name="to"/> only.</summary>
    public LineFilter Within(LocalDate from, LocalDate to) => this with
    {
        Dates = Dates.Select(d => new DateSpan(d.From is { } f && f > from ? f : from, d.To < to ? d.To : to)).Where(d => d.From <= d.To).ToList(),
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
            p.Add(($"f{i}", LedgerLines.Date(Dates[i].From ?? LocalDate.MinIsoValue)));
            p.Add(($"to{i}", LedgerLines.Date(Dates[i].To)));
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
