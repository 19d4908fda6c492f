namespace Ekopz.Domain.Ledger;

/// <summary>The account roles posting rules refer to. The chart maps each to one account code, effective-dated.</summary>
public static class AccountRoles
{
    public const string CashKas = "cash.kas";
    public const string CashBank = "cash.bank";
    public const string SavingsPokok = "savings.pokok";
    public const string SavingsWajib = "savings.wajib";
    public const string SavingsSukarela = "savings.sukarela";
    public const string SavingsInterestExpense = "savings.interest_expense";
    public const string TaxPayable = "tax.payable";
    public const string IncomeTaxExpense = "tax.income_tax_expense";
    public const string LoanReceivable = "loan.receivable";
    public const string LoanAccruedInterest = "loan.accrued_interest";
    public const string LoanAllowance = "loan.allowance";
    public const string LoanInterestIncome = "loan.interest_income";
    public const string LoanFeeIncome = "loan.fee_income";
    public const string LoanPenaltyIncome = "loan.penalty_income";
    public const string LoanRecoveryIncome = "loan.recovery_income";
    public const string LoanAllowanceExpense = "loan.allowance_expense";
    public const string ShopMemberReceivable = "shop.member_receivable";
    public const string ShopInventory = "shop.inventory";
    public const string ShopSuppliersPayable = "shop.suppliers_payable";
    public const string ShopUnitBalance = "shop.unit_balance";
    public const string ShopSalesMember = "shop.sales_member";
    public const string ShopSalesNonMember = "shop.sales_non_member";
    public const string ShopSalesReturns = "shop.sales_returns";
    public const string ShopShippingIncome = "shop.shipping_income";
    public const string ShopCommissionIncome = "shop.commission_income";
    public const string ShopCogsMember = "shop.cogs_member";
    public const string ShopCogsNonMember = "shop.cogs_non_member";
    public const string ShopInventoryAdjustment = "shop.inventory_adjustment";
    public const string ShopShippingExpense = "shop.shipping_expense";
    public const string ShuCurrentYear = "shu.current_year";
    public const string ShuPriorYears = "shu.prior_years";
    public const string ShuReserve = "shu.reserve";
    public const string ShuPayableMembers = "shu.payable_members";
    public const string OtherIncome = "other.income";
    /// <summary>Saldo awal pindahan: the other side of opening balances moved in from the old books; zero once they reconcile (docs/adr/0033).</summary>
    public const string OpeningClearing = "opening.clearing";
}
