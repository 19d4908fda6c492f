namespace Ekopz.Domain.Common;

/// <summary>Where a request came from. Recorded on every event; the ledger uses it to pick cash or bank.</summary>
public static class Channels
{
    public const string Counter = "counter";
    public const string Transfer = "transfer";
    public const string Web = "web";
    public const string Mobile = "mobile";
    public const string Marketplace = "marketplace";
    public const string System = "system";
    /// <summary>Moved in from the old books by a spreadsheet import (docs/adr/0033).</summary>
    public const string Import = "import";
    /// <summary>Collected in bulk, e.g. the employer's payroll deduction (potong gaji) list (docs/adr/0036).</summary>
    public const string Payroll = "payroll";

    public static readonly IReadOnlySet<string> ForPayments = new HashSet<string> { Counter, Transfer, Web, Mobile };

    /// <summary>Counter money goes through a cash drawer; everything else arrives in the bank.</summary>
    public static string CashPointFor(string channel) => channel == Counter ? CashPoints.Kas : CashPoints.Bank;
}

/// <summary>Which cash account a payment went through. The ledger maps them to 1-1000 Kas and 1-1010 Bank.</summary>
public static class CashPoints
{
    public const string Kas = "kas";
    public const string Bank = "bank";
}

/// <summary>The counterparty class of a transaction: drives the income statement split and SHU.</summary>
public enum CounterpartyClass
{
    Member,
    OtherKoperasi,
    NonMember,
}
