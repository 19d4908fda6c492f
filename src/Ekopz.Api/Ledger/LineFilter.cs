using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Projections.Ledger;
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
    public const string Debit = LineSelection.Debit;
    public const string Credit = LineSelection.Credit;
    public const string Member = LineSelection.Member;
    public const string NonMember = LineSelection.NonMember;

    public static LineFilter Between(LocalDate? from, LocalDate to, Instant? knownAt, IEnumerable<string>? accounts = null) =>
        new([new DateSpan(from, to)], knownAt, accounts?.ToList());

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

    /// <summary>
    /// The same lines as the ledger's queries take them (<see cref="LedgerLineQueries"/>): the SQL condition is written beside the
    /// ledger's tables, in <see cref="LineSelection.Where"/> (docs/adr/0052).
    /// </summary>
    public LineSelection Selection => new(Dates.Select(d => (d.From, d.To)).ToList(), KnownAt, Accounts, Kinds, CashFlow, Side, Counterparty, Source,
        ExcludeSource);
}
