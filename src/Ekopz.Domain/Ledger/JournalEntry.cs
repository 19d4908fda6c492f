using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Ledger;

/// <summary>Entry kinds: ordinary postings, the year-end closing of revenues and expenses, and the opening transfer after it.</summary>
public static class EntryKinds
{
    public const string Regular = "regular";
    public const string Closing = "closing";
    public const string Opening = "opening";

    public static readonly IReadOnlyList<string> All = [Regular, Closing, Opening];
}

/// <summary>
/// Where a cash movement belongs in the cash flow statement (direct method). Set by the posting
/// rule on every line of a cash account.
/// </summary>
public static class CashFlows
{
    public const string SavingsSukarela = "operating.savings_sukarela";
    public const string InterestPaid = "operating.savings_interest";
    public const string LoansDisbursed = "operating.loans_disbursed";
    public const string LoansRepaid = "operating.loans_repaid";
    public const string LoanIncome = "operating.loan_income";
    public const string ShopSales = "operating.shop_sales";
    public const string Suppliers = "operating.suppliers";
    public const string UnitPayouts = "operating.unit_payouts";
    public const string Taxes = "operating.taxes";
    public const string OtherOperating = "operating.other";
    public const string MemberCapital = "financing.member_capital";
    public const string ShuPaid = "financing.shu_paid";
    public const string OtherFinancing = "financing.other";
    public const string Investing = "investing.other";

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        SavingsSukarela, InterestPaid, LoansDisbursed, LoansRepaid, LoanIncome, ShopSales, Suppliers, UnitPayouts, Taxes, OtherOperating,
        MemberCapital, ShuPaid, OtherFinancing, Investing,
    };

    public static string Section(string category) => category[..category.IndexOf('.')];
}

/// <param name="CashFlow">Only on lines of cash accounts: the cash flow category.</param>
public sealed record JournalLine(
    string AccountCode,
    decimal Debit,
    decimal Credit,
    CounterpartyClass? Counterparty = null,
    string? CashFlow = null,
    Guid? MemberId = null,
    string? Memo = null);

/// <summary>
/// A balanced journal entry. Entries made from a business event take that event's id, so the
/// ledger rebuilt from the events has the same entry ids, and every line can be traced to its event.
/// </summary>
public sealed record JournalEntry(
    Guid EntryId,
    Guid? EventId,
    long Sequence,
    string Source,
    string Kind,
    LocalDate BusinessDate,
    Instant RecordedAt,
    string Actor,
    string Description,
    string RuleVersion,
    Guid? Reference,
    IReadOnlyList<JournalLine> Lines)
{
    public decimal TotalDebit => Lines.Sum(l => l.Debit);
    public decimal TotalCredit => Lines.Sum(l => l.Credit);

    /// <summary>Refuses an unbalanced or malformed entry: no posting rule may ever write one.</summary>
    public JournalEntry EnsureValid()
    {
        if (Lines.Count < 2) throw new InvalidOperationException($"Entry {EntryId} ({Source}) has fewer than two lines.");
        foreach (var l in Lines)
        {
            if (l.Debit < 0 || l.Credit < 0 || (l.Debit != 0) == (l.Credit != 0))
                throw new InvalidOperationException($"Entry {EntryId} ({Source}) has a line that is not exactly one positive side: {l}.");
            if (decimal.Round(l.Debit, 2) != l.Debit || decimal.Round(l.Credit, 2) != l.Credit)
                throw new InvalidOperationException($"Entry {EntryId} ({Source}) has more than 2 decimals: {l}.");
        }
        if (TotalDebit != TotalCredit)
            throw new InvalidOperationException($"Entry {EntryId} ({Source}) does not balance: debit {TotalDebit} credit {TotalCredit}.");
        return this;
    }
}

/// <summary>Builds the lines of one entry, dropping zero amounts (a refund with no wajib has no wajib line).</summary>
public sealed class EntryLines
{
    private readonly List<JournalLine> _lines = [];

    public EntryLines Debit(string code, decimal amount, CounterpartyClass? counterparty = null, string? cashFlow = null, Guid? member = null, string? memo = null)
    {
        if (amount < 0) return Credit(code, -amount, counterparty, cashFlow, member, memo);
        if (amount != 0) _lines.Add(new JournalLine(code, amount, 0m, counterparty, cashFlow, member, memo));
        return this;
    }

    public EntryLines Credit(string code, decimal amount, CounterpartyClass? counterparty = null, string? cashFlow = null, Guid? member = null, string? memo = null)
    {
        if (amount < 0) return Debit(code, -amount, counterparty, cashFlow, member, memo);
        if (amount != 0) _lines.Add(new JournalLine(code, 0m, amount, counterparty, cashFlow, member, memo));
        return this;
    }

    public IReadOnlyList<JournalLine> Build() => _lines.ToList();
}
