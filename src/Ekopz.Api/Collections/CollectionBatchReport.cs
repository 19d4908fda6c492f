using Ekopz.Domain.Collections;
using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Api.Collections;

/// <summary>One line of the batch report. <paramref name="Status"/> is <c>applied</c> or <c>refused</c>; a refused line has a stable
/// <paramref name="Code"/> and an Indonesian <paramref name="Message"/>.</summary>
public sealed record CollectionLineReport(int Row, string LineKey, string? Member, string? MemberNumber, string? MemberName, decimal Wajib,
    decimal Sukarela, decimal Installment, Guid? LoanId, decimal Principal, decimal Interest, decimal Penalty, string Status, string? Code,
    string? Message);

/// <summary>
/// What a batch did (or, for a dry run, would do). <paramref name="Applied"/>: recorded. <paramref name="Replayed"/>: the batch key
/// was applied before; this is that batch's report and nothing was recorded now. <paramref name="Total"/> is the one amount the
/// cash or bank account received (<paramref name="ReceivedInto"/>), as the books post it in one entry.
/// </summary>
public sealed record CollectionBatchReport(Guid BatchId, string BatchKey, LocalDate BusinessDate, string ReceivedInto, string Channel,
    bool Applied, bool Replayed, string? FileName, string? FileSha256, int Lines, int AppliedLines, int RefusedLines, decimal Total,
    decimal TotalWajib, decimal TotalSukarela, decimal TotalInstallments, IReadOnlyDictionary<string, int> RefusedByCode,
    IReadOnlyList<CollectionLineReport> Items)
{
    public static CollectionBatchReport From(CollectionBatchApplied b, bool applied, bool replayed)
    {
        var items = b.Collected.Select(l => new CollectionLineReport(l.Row, l.LineKey, l.MemberNumber, l.MemberNumber, l.MemberName, l.Wajib,
                l.Sukarela, l.Installment, l.LoanId, l.Principal, l.Interest, l.Penalty, "applied", null, null))
            .Concat(b.Refused.Select(r => new CollectionLineReport(r.Row, r.LineKey, r.Member, null, null, r.Wajib, r.Sukarela, r.Installment,
                null, 0m, 0m, 0m, "refused", r.Code, r.Message)))
            .OrderBy(i => i.Row).ToList();
        return new CollectionBatchReport(b.BatchId, b.BatchKey, b.Meta.BusinessDate, b.CashPoint, b.Meta.Channel, applied, replayed, b.FileName,
            b.FileSha256, items.Count, b.Collected.Count, b.Refused.Count, b.Total, b.Collected.Sum(l => l.Wajib), b.Collected.Sum(l => l.Sukarela),
            b.Collected.Sum(l => l.Installment),
            b.Refused.GroupBy(r => r.Code).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()), items);
    }
}
