namespace Ekopz.Domain.Ledger;

/// <summary>
/// The default chart of accounts (domain rules, section 5). Every koperasi starts from it; numbering
/// is convention and each koperasi may add, rename or deactivate accounts and remap roles.
/// </summary>
public static class ChartTemplate
{
    private static AccountDefinition A(string code, string name, AccountClass c, string? role = null, bool contra = false, params string[] tags) =>
        new(code, name, c, contra, role is null ? [] : [role], tags);

    public static IReadOnlyList<AccountDefinition> Default { get; } =
    [
        A("1-1000", "Kas", AccountClass.Asset, AccountRoles.CashKas, false, AccountTags.Cash),
        A("1-1010", "Bank", AccountClass.Asset, AccountRoles.CashBank, false, AccountTags.Cash),
        A("1-1100", "Piutang pinjaman anggota", AccountClass.Asset, AccountRoles.LoanReceivable),
        A("1-1150", "Pendapatan jasa yang masih harus diterima", AccountClass.Asset, AccountRoles.LoanAccruedInterest),
        A("1-1190", "Cadangan kerugian pinjaman", AccountClass.Asset, AccountRoles.LoanAllowance, contra: true),
        A("1-1200", "Piutang usaha anggota", AccountClass.Asset, AccountRoles.ShopMemberReceivable),
        A("1-1300", "Persediaan barang dagangan", AccountClass.Asset, AccountRoles.ShopInventory),
        A("1-2000", "Aset tetap", AccountClass.Asset, null, false, AccountTags.NonCurrent),
        A("1-2100", "Akumulasi penyusutan aset tetap", AccountClass.Asset, null, true, AccountTags.NonCurrent),
        A("2-1000", "Simpanan sukarela", AccountClass.Liability, AccountRoles.SavingsSukarela),
        A("2-1100", "Simpanan berjangka", AccountClass.Liability),
        A("2-1200", "Utang usaha", AccountClass.Liability, AccountRoles.ShopSuppliersPayable),
        A("2-1250", "Saldo toko", AccountClass.Liability, AccountRoles.ShopUnitBalance),
        A("2-1300", "Utang pajak", AccountClass.Liability, AccountRoles.TaxPayable),
        A("2-1400", "Utang SHU anggota", AccountClass.Liability, AccountRoles.ShuPayableMembers),
        A("2-1410", "Dana pengurus", AccountClass.Liability),
        A("2-1420", "Dana karyawan", AccountClass.Liability),
        A("2-1430", "Dana pendidikan", AccountClass.Liability),
        A("2-1440", "Dana sosial", AccountClass.Liability),
        A("2-1450", "Dana pembangunan daerah kerja", AccountClass.Liability),
        A("2-2000", "Pinjaman dari bank / koperasi lain", AccountClass.Liability, null, false, AccountTags.NonCurrent),
        A("3-1000", "Simpanan pokok", AccountClass.Equity, AccountRoles.SavingsPokok, false, AccountTags.OwnCapital),
        A("3-1100", "Simpanan wajib", AccountClass.Equity, AccountRoles.SavingsWajib, false, AccountTags.OwnCapital),
        A("3-1200", "Modal penyertaan", AccountClass.Equity),
        A("3-1300", "Hibah", AccountClass.Equity, null, false, AccountTags.OwnCapital),
        A("3-2000", "Cadangan umum", AccountClass.Equity, AccountRoles.ShuReserve, false, AccountTags.OwnCapital, AccountTags.Reserve),
        A("3-2100", "Cadangan risiko", AccountClass.Equity, null, false, AccountTags.OwnCapital, AccountTags.Reserve),
        A("3-3000", "SHU tahun berjalan", AccountClass.Equity, AccountRoles.ShuCurrentYear),
        A("3-3100", "SHU tahun lalu belum dibagi", AccountClass.Equity, AccountRoles.ShuPriorYears),
        A("4-1000", "Pendapatan jasa pinjaman", AccountClass.Revenue, AccountRoles.LoanInterestIncome),
        A("4-1100", "Pendapatan provisi dan administrasi", AccountClass.Revenue, AccountRoles.LoanFeeIncome),
        A("4-1200", "Pendapatan denda", AccountClass.Revenue, AccountRoles.LoanPenaltyIncome),
        A("4-1300", "Pemulihan piutang yang dihapusbukukan", AccountClass.Revenue, AccountRoles.LoanRecoveryIncome),
        A("4-2000", "Penjualan kepada anggota", AccountClass.Revenue, AccountRoles.ShopSalesMember),
        A("4-2100", "Penjualan kepada non-anggota", AccountClass.Revenue, AccountRoles.ShopSalesNonMember),
        A("4-2200", "Retur dan potongan penjualan", AccountClass.Revenue, AccountRoles.ShopSalesReturns, contra: true),
        A("4-2300", "Pendapatan ongkos kirim", AccountClass.Revenue, AccountRoles.ShopShippingIncome),
        A("4-2400", "Pendapatan komisi toko", AccountClass.Revenue, AccountRoles.ShopCommissionIncome),
        A("4-9000", "Pendapatan lain", AccountClass.Revenue, AccountRoles.OtherIncome),
        A("5-1000", "HPP anggota", AccountClass.Expense, AccountRoles.ShopCogsMember),
        A("5-1100", "HPP non-anggota", AccountClass.Expense, AccountRoles.ShopCogsNonMember),
        A("5-1200", "Selisih persediaan", AccountClass.Expense, AccountRoles.ShopInventoryAdjustment),
        A("5-2000", "Beban jasa simpanan", AccountClass.Expense, AccountRoles.SavingsInterestExpense),
        A("5-2100", "Beban penyisihan kerugian pinjaman", AccountClass.Expense, AccountRoles.LoanAllowanceExpense),
        A("5-3000", "Beban gaji", AccountClass.Expense),
        A("5-3100", "Beban sewa", AccountClass.Expense),
        A("5-3200", "Beban listrik dan air", AccountClass.Expense),
        A("5-3300", "Beban penyusutan", AccountClass.Expense),
        A("5-3400", "Beban RAT", AccountClass.Expense),
        A("5-3500", "Beban pendidikan", AccountClass.Expense),
        A("5-3600", "Beban ongkos kirim", AccountClass.Expense, AccountRoles.ShopShippingExpense),
        A("5-9000", "Beban pajak penghasilan", AccountClass.Expense, AccountRoles.IncomeTaxExpense),
    ];
}
