using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Ledger;

/// <summary>
/// The year is closed: revenues and expenses are moved into SHU tahun berjalan (dated 31 December),
/// and on 1 January that SHU moves to "SHU tahun lalu belum dibagi" where it waits for the RAT.
/// The closing lines are computed at close time from the balances and carried in the event, so a
/// replay posts exactly what was posted.
/// </summary>
public sealed record YearClosed(int Year, IReadOnlyList<JournalLine> ClosingLines, decimal Shu, EventMeta Meta) : IDomainEvent;

public static class YearEndPostings
{
    public static Guid OpeningEntryId(Guid eventId) => DeterministicGuid.Create($"{eventId}:opening");

    public static IReadOnlyList<JournalEntry>? Post(IDomainEvent e, EventRef r, Chart chart, string v)
    {
        if (e is not YearClosed x) return null;
        var yearEnd = new LocalDate(x.Year, 12, 31);
        var entries = new List<JournalEntry>();
        var closing = new EntryLines();
        foreach (var l in x.ClosingLines)
        {
            if (l.Debit != 0) closing.Debit(l.AccountCode, l.Debit, l.Counterparty);
            else closing.Credit(l.AccountCode, l.Credit, l.Counterparty);
        }
        if (x.ClosingLines.Count > 0)
            entries.Add(PostingRuleBook.FromEvent(x, r, v, $"Penutupan buku tahun {x.Year}", closing, kind: EntryKinds.Closing, date: yearEnd));
        if (x.Shu != 0)
            entries.Add(PostingRuleBook.FromEvent(x, r, v, $"SHU tahun {x.Year} dipindahkan ke SHU tahun lalu belum dibagi", new EntryLines()
                    .Debit(chart.CodeFor(AccountRoles.ShuCurrentYear, yearEnd), x.Shu)
                    .Credit(chart.CodeFor(AccountRoles.ShuPriorYears, yearEnd), x.Shu),
                kind: EntryKinds.Opening, date: yearEnd.PlusDays(1), entryId: OpeningEntryId(r.EventId)));
        return entries;
    }

    /// <summary>
    /// The closing lines for a year from its revenue and expense balances (debit-positive, per
    /// account and counterparty): each is brought to zero, and the net goes to SHU tahun berjalan.
    /// </summary>
    public static (IReadOnlyList<JournalLine> Lines, decimal Shu) ClosingLines(
        IEnumerable<(string Code, CounterpartyClass? Counterparty, decimal DebitBalance)> profitAndLoss, string shuAccount)
    {
        var lines = new List<JournalLine>();
        decimal net = 0;
        foreach (var (code, counterparty, balance) in profitAndLoss.Where(b => b.DebitBalance != 0).OrderBy(b => b.Code))
        {
            lines.Add(balance > 0 ? new JournalLine(code, 0m, balance, counterparty) : new JournalLine(code, -balance, 0m, counterparty));
            net -= balance;
        }
        if (net > 0) lines.Add(new JournalLine(shuAccount, 0m, net));
        else if (net < 0) lines.Add(new JournalLine(shuAccount, -net, 0m));
        return (lines, net);
    }
}

/// <summary>
/// Closing a fiscal year (docs/adr/0037): once its twelve months are closed and before January of the next year is, the
/// year's revenues and expenses move into SHU tahun berjalan, dated 31 December.
/// </summary>
public static class YearCloseDecider
{
    /// <summary>The checks that need no books: a four-digit year, its months all closed, the next January still open.</summary>
    public static void EnsureClosable(int year, IReadOnlySet<string> closedPeriods)
    {
        if (year < 1900 || year > 9999) throw DomainException.Validation("year", "A four-digit year.");
        var missing = Enumerable.Range(1, 12).Select(m => $"{year:D4}-{m:D2}").Where(p => !closedPeriods.Contains(p)).ToList();
        if (missing.Count > 0) throw DomainException.InvalidState($"Close every month of {year} first; still open: {string.Join(", ", missing)}.");
        if (closedPeriods.Contains($"{year + 1:D4}-01"))
            throw DomainException.InvalidState($"January {year + 1} is already closed; the year close must come before it.");
    }

    /// <summary>
    /// Closes <paramref name="year"/>: every revenue and expense balance (debit-positive, per account and counterparty, from
    /// <paramref name="totals"/>; other classes are ignored) is brought to zero and the net goes to the chart's SHU tahun
    /// berjalan account. The event is dated 31 December, whenever the close is done.
    /// </summary>
    public static YearClosed Close(int year, FiscalYear? existing, IReadOnlySet<string> closedPeriods, Chart chart,
        IEnumerable<(string Code, CounterpartyClass? Counterparty, decimal DebitBalance)> totals, EventMeta meta)
    {
        EnsureClosable(year, closedPeriods);
        if (existing is not null) throw DomainException.InvalidState($"{year} is already closed.");
        var yearEnd = new LocalDate(year, 12, 31);
        var profitAndLoss = totals.Where(t => chart.Find(t.Code)?.Class is AccountClass.Revenue or AccountClass.Expense);
        var (lines, shu) = YearEndPostings.ClosingLines(profitAndLoss, chart.CodeFor(AccountRoles.ShuCurrentYear, yearEnd));
        return new YearClosed(year, lines, shu, meta with { BusinessDate = yearEnd });
    }
}
