namespace Ekopz.Domain.Ledger;

/// <summary>
/// The cash flow category of a manual journal's cash lines, when the pengurus gave none. Decided once, when
/// the journal is proposed, and stored on the event's lines, so the posting rule (and every closed period)
/// stays as it was: a journal that only moves cash against own capital or long-term borrowing is financing
/// (a hibah, a bank loan), one that only moves cash against fixed assets is investing, anything else is
/// operating. An explicit category always wins.
/// </summary>
public static class VoucherCashFlow
{
    public static IReadOnlyList<VoucherLine> Infer(IReadOnlyList<VoucherLine> lines, Chart chart)
    {
        var counter = lines.Select(l => chart.Get(l.AccountCode)).Where(a => !IsCash(a)).ToList();
        var inferred = counter.Count == 0 ? CashFlows.OtherOperating
            : counter.All(IsFinancing) ? CashFlows.OtherFinancing
            : counter.All(IsFixedAsset) ? CashFlows.Investing
            : CashFlows.OtherOperating;
        return lines.Select(l => l.CashFlow is null && IsCash(chart.Get(l.AccountCode)) ? l with { CashFlow = inferred } : l).ToList();
    }

    private static bool IsCash(Account a) => a.Definition.HasTag(AccountTags.Cash);

    /// <summary>Own capital (any equity account) or a long-term liability (tagged, or numbered 2-2xxx like "pinjaman dari bank").</summary>
    private static bool IsFinancing(Account a) =>
        a.Class == AccountClass.Equity || (a.Class == AccountClass.Liability && (a.Definition.HasTag(AccountTags.NonCurrent) || a.Code.StartsWith("2-2", StringComparison.Ordinal)));

    /// <summary>Fixed assets: tagged non-current, or numbered 1-2xxx (aset tetap and its accumulated depreciation).</summary>
    private static bool IsFixedAsset(Account a) =>
        a.Class == AccountClass.Asset && (a.Definition.HasTag(AccountTags.NonCurrent) || a.Code.StartsWith("1-2", StringComparison.Ordinal));
}
