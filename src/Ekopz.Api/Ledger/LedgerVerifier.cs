using System.Globalization;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Ledger;
using Ekopz.Projections.Ledger;
using Marten;
using NodaTime;

namespace Ekopz.Api.Ledger;

/// <summary>
/// One closed period checked. <paramref name="SealedDigest"/> is the digest the <c>PeriodClosed</c> event recorded;
/// <paramref name="RebuiltDigest"/> that of the trial balance replayed from the events; <paramref name="LiveDigest"/> that of
/// the trial balance summed from the posted lines; <paramref name="ReportDigest"/> that of the trial balance the reports
/// show (the daily totals). <paramref name="Problems"/> says what disagrees: a seal record, or an account's balance.
/// </summary>
public sealed record PeriodVerification(string Period, LocalDate PeriodEnd, string SealedDigest, string RebuiltDigest, string LiveDigest,
    string ReportDigest, bool Matches, IReadOnlyList<string> Problems);

/// <summary>
/// A line (or, with no <paramref name="LineNo"/>, an entry) whose live form differs from what the events post:
/// <paramref name="Field"/> is what differs (<c>missing</c> or <c>unexpected</c> for a whole line), with both values.
/// </summary>
public sealed record LedgerDifference(Guid EntryId, int? LineNo, string Field, string? Live, string? Rebuilt, string Problem);

/// <param name="DailyTotalsMatchLines">The per-day totals the reports read equal the sums of the posted lines.</param>
public sealed record VerificationReport(string Koperasi, Instant CheckedAt, long EventsReplayed, int EntriesRebuilt, int LinesRebuilt, int LinesLive,
    bool LedgerMatchesEvents, bool DailyTotalsMatchLines, IReadOnlyList<LedgerDifference> Differences, IReadOnlyList<PeriodVerification> Periods,
    bool AllPeriodsMatch);

/// <summary>
/// Rebuilds the ledger from the events (the same pure posting rules, in sequence order) and checks it
/// against the live ledger field by field, and every closed period's trial balance against its seal.
/// This is how an auditor proves that a closed period replays to exactly what was published, and that
/// nobody edited the ledger tables or a seal behind the events' back (docs/adr/0009).
/// </summary>
public sealed class LedgerVerifier(IDocumentStore store, LedgerQueries ledger, ReadDb db, IClock clock)
{
    public sealed record Replay(List<JournalEntry> Entries, long Events, List<PeriodClosed> Seals);

    public async Task<Replay> Rebuild(string tenant, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        var chart = await session.LoadAsync<Chart>(Chart.StreamId(tenant), ct)
            ?? throw new InvalidOperationException($"Koperasi {tenant} has no chart.");
        var entries = new List<JournalEntry>();
        var seals = new List<PeriodClosed>();
        long last = 0, count = 0;
        while (true)
        {
            var page = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > last).OrderBy(e => e.Sequence).Take(5000).ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var e in page)
            {
                entries.AddRange(PostingRuleBook.Post(e.Data, new EventRef(e.Id, e.Sequence), chart));
                if (e.Data is PeriodClosed sealedPeriod) seals.Add(sealedPeriod);
            }
            last = page[^1].Sequence;
            count += page.Count;
        }
        return new Replay(entries, count, seals);
    }

    public async Task<VerificationReport> Verify(string tenant, CancellationToken ct)
    {
        var replay = await Rebuild(tenant, ct);
        var live = await LedgerLiveLines.All(db.DataSource, tenant, ct);
        var differences = CompareLines(replay.Entries, live);

        // The daily totals must be exactly the sums of the lines (reports read the totals).
        var fromLines = live.GroupBy(l => (l.AccountCode, l.BusinessDate, l.Kind, l.Counterparty ?? ""))
            .ToDictionary(g => g.Key, g => (g.Sum(l => l.Debit), g.Sum(l => l.Credit)));
        var daily = await LedgerDailyTotals.Stored(db.DataSource, tenant, ct);
        var dailyOk = daily.Count == fromLines.Count && daily.All(d => fromLines.TryGetValue(d.Key, out var v) && v == d.Value);

        var checks = await CheckSeals(tenant, replay, live, ct);
        return new VerificationReport(tenant, clock.GetCurrentInstant(), replay.Events, replay.Entries.Count, replay.Entries.Sum(e => e.Lines.Count),
            live.Count, differences.Count == 0, dailyOk, differences.Take(100).ToList(), checks, checks.All(c => c.Matches));
    }

    /// <summary>
    /// Every field a posting rule decides is compared: per line the account, amounts, counterparty class (it splits
    /// member from non-member income), cash flow category, member and memo; per entry the source event, its
    /// sequence and type, the rule version, date, kind, actor, moment, description and reference.
    /// </summary>
    internal static List<LedgerDifference> CompareLines(IReadOnlyList<JournalEntry> entries, IReadOnlyList<LiveLine> live)
    {
        var differences = new List<LedgerDifference>();
        var liveByKey = live.ToDictionary(l => (l.EntryId, l.LineNo)); // the primary key: one row per entry and line number
        var rebuiltKeys = new HashSet<(Guid, int)>();

        foreach (var e in entries)
        {
            var entryChecked = false;
            for (var i = 0; i < e.Lines.Count; i++)
            {
                var line = e.Lines[i];
                rebuiltKeys.Add((e.EntryId, i));
                if (!liveByKey.TryGetValue((e.EntryId, i), out var l))
                {
                    differences.Add(new LedgerDifference(e.EntryId, i, "missing", null, Describe(e, line),
                        $"missing from the live ledger: {Describe(e, line)}"));
                    continue;
                }

                void Field(string name, string? liveValue, string? rebuiltValue, int? lineNo)
                {
                    if (liveValue != rebuiltValue)
                        differences.Add(new LedgerDifference(e.EntryId, lineNo, name, liveValue, rebuiltValue,
                            $"{name} is {liveValue ?? "(none)"} in the live ledger but the events say {rebuiltValue ?? "(none)"}"));
                }

                Field("accountCode", l.AccountCode, line.AccountCode, i);
                Field("debit", Money(l.Debit), Money(line.Debit), i);
                Field("credit", Money(l.Credit), Money(line.Credit), i);
                Field("counterparty", l.Counterparty, LedgerWriter.CounterpartyName(line.Counterparty), i);
                Field("cashFlow", l.CashFlow, line.CashFlow, i);
                Field("memberId", l.MemberId?.ToString(), line.MemberId?.ToString(), i);
                Field("memo", l.Memo, line.Memo, i);
                Field("businessDate", Date(l.BusinessDate), Date(e.BusinessDate), i);
                Field("kind", l.Kind, e.Kind, i);
                if (entryChecked) continue;
                entryChecked = true;
                if (!l.HasEntry)
                {
                    differences.Add(new LedgerDifference(e.EntryId, null, "entry", null, e.Source, "the entry row is missing from the live ledger"));
                    continue;
                }
                Field("eventId", l.EventId?.ToString(), e.EventId?.ToString(), null);
                Field("sequence", l.Sequence?.ToString(CultureInfo.InvariantCulture), e.Sequence.ToString(CultureInfo.InvariantCulture), null);
                Field("source", l.Source, e.Source, null);
                Field("ruleVersion", l.RuleVersion, e.RuleVersion, null);
                Field("entryDate", l.EntryDate is { } d ? Date(d) : null, Date(e.BusinessDate), null);
                Field("entryKind", l.EntryKind, e.Kind, null);
                Field("actor", l.Actor, e.Actor, null);
                Field("description", l.Description, e.Description, null);
                Field("reference", l.Reference?.ToString(), e.Reference?.ToString(), null);
                // PostgreSQL keeps microseconds: compare the moment at that precision.
                Field("recordedAt", Micros(l.EntryRecordedAt), Micros(e.RecordedAt), null);
            }
        }

        foreach (var l in live.Where(l => !rebuiltKeys.Contains((l.EntryId, l.LineNo))))
            differences.Add(new LedgerDifference(l.EntryId, l.LineNo, "unexpected", $"{l.AccountCode} {Money(l.Debit)}/{Money(l.Credit)}", null,
                $"in the live ledger but not in the events: {l.AccountCode} debit {Money(l.Debit)} credit {Money(l.Credit)} on {Date(l.BusinessDate)}"));
        return differences;
    }

    /// <summary>
    /// Each closed period: the seal as recorded (the event, its projected document and the row the posting guard
    /// locks must agree, and the trial balance stored with the seal must hash to its digest), then the sealed trial
    /// balance against the one replayed from the events, the one summed from the lines and the one the reports show.
    /// </summary>
    private async Task<List<PeriodVerification>> CheckSeals(string tenant, Replay replay, IReadOnlyList<LiveLine> live, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        var documents = (await session.Query<AccountingPeriod>().ToListAsync(ct)).ToDictionary(p => p.Period);
        var rows = (await LedgerPeriods.NotOpen(db.DataSource, tenant, ct)).ToDictionary(r => r.Period);
        var events = replay.Seals.GroupBy(s => s.Period).ToDictionary(g => g.Key, g => g.ToList());

        var checks = new List<PeriodVerification>();
        foreach (var period in events.Keys.Union(documents.Keys).Union(rows.Keys).Order(StringComparer.Ordinal))
        {
            var problems = new List<string>();
            var seal = events.GetValueOrDefault(period);
            var document = documents.GetValueOrDefault(period);
            var row = rows.GetValueOrDefault(period);
            if (seal is null) problems.Add($"no PeriodClosed event seals {period}");
            else if (seal.Count > 1) problems.Add($"{period} was sealed {seal.Count} times");
            var recorded = seal?[0];
            var sealedDigest = recorded?.Digest ?? document?.Digest ?? row?.Digest ?? "";
            var periodEnd = recorded?.PeriodEnd ?? document?.PeriodEnd
                ?? YearMonthEnd(period);

            if (document is null) problems.Add("the period document is missing");
            else if (document.Digest != sealedDigest) problems.Add($"the period document holds digest {document.Digest}, the seal {sealedDigest}");
            if (row is null) problems.Add("ledger_periods has no closed row: postings into the period would not be refused");
            else
            {
                if (row.Status != "closed") problems.Add($"ledger_periods says {row.Status}");
                if (row.Digest != sealedDigest) problems.Add($"ledger_periods holds digest {row.Digest}, the seal {sealedDigest}");
            }
            if (recorded is not null)
            {
                var ofStored = LedgerDigest.Compute(period, periodEnd, recorded.TrialBalance);
                if (ofStored != recorded.Digest) problems.Add($"the trial balance stored with the seal hashes to {ofStored}, not to the sealed digest");
            }

            var rebuiltTb = TrialBalances.From(replay.Entries.Where(e => PeriodSeal.Covers(periodEnd, e.Kind, e.BusinessDate))
                .SelectMany(e => e.Lines).Select(l => new AccountTotals(l.AccountCode, "", l.Debit, l.Credit)));
            var liveTb = TrialBalances.From(live.Where(l => PeriodSeal.Covers(periodEnd, l.Kind, l.BusinessDate))
                .Select(l => new AccountTotals(l.AccountCode, "", l.Debit, l.Credit)));
            var reportTb = await TrialBalances.Sealed(ledger, tenant, periodEnd, ct);
            var sealedTb = recorded?.TrialBalance ?? document?.TrialBalance ?? [];
            problems.AddRange(CompareBalances("rebuilt from the events", sealedTb, rebuiltTb));
            problems.AddRange(CompareBalances("in the live ledger lines", sealedTb, liveTb));
            problems.AddRange(CompareBalances("in the reports", sealedTb, reportTb));

            var rebuiltDigest = LedgerDigest.Compute(period, periodEnd, rebuiltTb);
            var liveDigest = LedgerDigest.Compute(period, periodEnd, liveTb);
            var reportDigest = LedgerDigest.Compute(period, periodEnd, reportTb);
            var matches = problems.Count == 0 && sealedDigest == rebuiltDigest && sealedDigest == liveDigest && sealedDigest == reportDigest;
            if (problems.Count == 0 && !matches) problems.Add("the digests differ");
            checks.Add(new PeriodVerification(period, periodEnd, sealedDigest, rebuiltDigest, liveDigest, reportDigest, matches, problems));
        }
        return checks;
    }

    private static IEnumerable<string> CompareBalances(string where, IReadOnlyList<TrialBalanceLine> sealedTb, IReadOnlyList<TrialBalanceLine> other)
    {
        var a = sealedTb.ToDictionary(l => l.AccountCode);
        var b = other.ToDictionary(l => l.AccountCode);
        foreach (var code in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            var x = a.GetValueOrDefault(code);
            var y = b.GetValueOrDefault(code);
            if ((x?.Debit ?? 0m) != (y?.Debit ?? 0m) || (x?.Credit ?? 0m) != (y?.Credit ?? 0m))
                yield return $"{code}: sealed {Money(x?.Debit ?? 0m)}/{Money(x?.Credit ?? 0m)}, {where} {Money(y?.Debit ?? 0m)}/{Money(y?.Credit ?? 0m)}";
        }
    }

    private static LocalDate YearMonthEnd(string period)
    {
        var month = NodaTime.Text.YearMonthPattern.Iso.Parse(period).Value;
        return month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month));
    }

    private static string Describe(JournalEntry e, JournalLine l) =>
        $"{l.AccountCode} debit {Money(l.Debit)} credit {Money(l.Credit)} on {Date(e.BusinessDate)} ({e.Kind}, {e.Source})";

    private static string Money(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
    private static string Date(LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string? Micros(Instant? i) => i is { } x ? (x.ToUnixTimeTicks() / 10).ToString(CultureInfo.InvariantCulture) : null;
}
