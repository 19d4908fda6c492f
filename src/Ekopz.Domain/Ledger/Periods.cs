using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Ledger;

/// <summary>One account's balance in a trial balance: a debit or a credit balance.</summary>
public sealed record TrialBalanceLine(string AccountCode, decimal Debit, decimal Credit);

/// <summary>
/// A month was closed: nothing may be dated inside it afterwards. The seal is a SHA-256 digest of
/// the canonical form of the trial balance at the month's last day (<see cref="LedgerDigest"/>).
/// </summary>
public sealed record PeriodClosed(string Period, LocalDate PeriodEnd, string Digest, IReadOnlyList<TrialBalanceLine> TrialBalance, EventMeta Meta) : IDomainEvent;

public sealed record AccountingPeriod(Guid Id, string Period, LocalDate PeriodEnd, string Digest, IReadOnlyList<TrialBalanceLine> TrialBalance,
    string ClosedBy, Instant ClosedAt)
{
    public static Guid StreamId(string period) => DeterministicGuid.Create("period:" + period);

    public static AccountingPeriod? Evolve(AccountingPeriod? state, object @event) => @event switch
    {
        PeriodClosed e => new AccountingPeriod(StreamId(e.Period), e.Period, e.PeriodEnd, e.Digest, e.TrialBalance, e.Meta.Actor, e.Meta.RecordedAt),
        _ => state,
    };
}

/// <summary>The year's books were closed (all twelve months closed first).</summary>
public sealed record FiscalYear(Guid Id, int Year, decimal Shu, string ClosedBy, Instant ClosedAt)
{
    public static Guid StreamId(int year) => DeterministicGuid.Create("year:" + year.ToString(CultureInfo.InvariantCulture));

    public static FiscalYear? Evolve(FiscalYear? state, object @event) => @event switch
    {
        YearClosed e => new FiscalYear(StreamId(e.Year), e.Year, e.Shu, e.Meta.Actor, e.Meta.RecordedAt),
        _ => state,
    };
}

/// <summary>
/// What a period's seal covers (docs/adr/0009): the trial balance at the end of the period's last day,
/// exactly as <c>GET ledger/trial-balance?asOf=</c> shows it, with every entry kind: regular postings,
/// earlier years' closing entries and the opening transfers after them. The one thing left out is a
/// year-end closing entry dated on that very day: the year close needs December closed first, so it
/// is posted after December's seal and never belonged to it (the report shows the same trial balance
/// with <c>preClosing=true</c>). The close, the verification and the report all use this definition.
/// </summary>
public static class PeriodSeal
{
    public static bool Covers(LocalDate periodEnd, string kind, LocalDate businessDate) =>
        businessDate < periodEnd || (businessDate == periodEnd && kind != EntryKinds.Closing);

    /// <summary>The entry kinds of the period's last day that the seal covers (every kind before it).</summary>
    public static string[] KindsOnTheLastDay(LocalDate periodEnd) => EntryKinds.All.Where(k => Covers(periodEnd, k, periodEnd)).ToArray();
}

public static class LedgerDigest
{
    /// <summary>
    /// The canonical form: a header line, then one line per account with a non-zero balance, sorted
    /// by code, amounts with exactly two decimals and a dot. Any change to any balance changes the hash.
    /// </summary>
    public static string Canonical(string period, LocalDate asOf, IEnumerable<TrialBalanceLine> lines)
    {
        var sb = new StringBuilder();
        sb.Append("ekopz-trial-balance-v1|").Append(period).Append('|').Append(asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        foreach (var l in lines.Where(l => l.Debit != 0 || l.Credit != 0).OrderBy(l => l.AccountCode, StringComparer.Ordinal))
            sb.Append(l.AccountCode).Append('|')
                .Append(l.Debit.ToString("0.00", CultureInfo.InvariantCulture)).Append('|')
                .Append(l.Credit.ToString("0.00", CultureInfo.InvariantCulture)).Append('\n');
        return sb.ToString();
    }

    public static string Compute(string period, LocalDate asOf, IEnumerable<TrialBalanceLine> lines) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(period, asOf, lines)))).ToLowerInvariant();
}

public static class PeriodDecider
{
    /// <summary>
    /// Closes a month that has ended. Months close in order: the month before must be closed unless
    /// nothing was ever posted before this one (the koperasi's first month in the books).
    /// </summary>
    public static PeriodClosed Close(YearMonth month, AccountingPeriod? existing, bool previousClosedOrEmpty, LocalDate today,
        IReadOnlyList<TrialBalanceLine> trialBalance, EventMeta meta)
    {
        var key = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (existing is not null) throw DomainException.InvalidState($"{key} is already closed.");
        var end = month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month));
        if (end >= today) throw DomainException.InvalidState($"{key} has not ended yet.");
        if (!previousClosedOrEmpty) throw DomainException.InvalidState($"Close {month.PlusMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture)} first: months close in order.");
        if (trialBalance.Sum(l => l.Debit) != trialBalance.Sum(l => l.Credit))
            throw new InvalidOperationException($"The trial balance of {key} does not balance; the books are corrupt.");
        return new PeriodClosed(key, end, LedgerDigest.Compute(key, end, trialBalance), trialBalance, meta);
    }
}
