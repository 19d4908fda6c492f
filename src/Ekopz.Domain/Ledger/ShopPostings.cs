using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using NodaTime;

namespace Ekopz.Domain.Ledger;

/// <summary>
/// Posting rules for the shop (domain rules, sections 5 and 6; docs/adr/0011). Inventory amounts are
/// posted only from the product streams' stock events, each exactly the value that event moved, so
/// the inventory account equals the inventory report on every date by construction. Money is posted
/// from the order, unit and receipt events.
///
/// - Receipt: Dr inventory / Cr kas, bank or suppliers payable.
/// - Sale (at payment): Dr kas or bank / Cr sales to members or to non-members (net of every
///   discount) and shipping income; a seller's goods Cr saldo toko instead of sales. Cost of goods
///   sold (member / non-member) Dr / Cr inventory at the moving average, from <see cref="StockSold"/>.
/// - Cancel after payment and returns: the same accounts the other way (sales debited on the same
///   account, with the member id, so SHU purchases fall by the refund); restocks at the cost they left at.
/// - Shipping to the courier: Dr shipping expense / Cr bank.
/// - Adjustments and counts: inventory against "selisih persediaan".
/// - Sellers: commission Dr saldo toko / Cr commission income at delivery; payouts Dr saldo toko / Cr cash.
///
/// Revenue lines carry the buyer's counterparty class and member id (SHU reads them). Discounts are
/// not posted gross-and-contra: sales are credited net, and 4-2200 stays for manual corrections.
/// </summary>
public static class ShopPostings
{
    private static string CashRole(string cashPoint) => cashPoint == CashPoints.Bank ? AccountRoles.CashBank : AccountRoles.CashKas;

    /// <summary>Where a buyer's money moves: kas, bank, or the member's account (bon anggota), which is no cash and has no cash flow.</summary>
    private static (string Role, string? CashFlow) Settlement(string cashPoint) =>
        cashPoint == ShopPayments.Credit ? (AccountRoles.ShopMemberReceivable, null) : (CashRole(cashPoint), CashFlows.ShopSales);

    private static string SalesRole(CounterpartyClass buyer) =>
        buyer == CounterpartyClass.Member ? AccountRoles.ShopSalesMember : AccountRoles.ShopSalesNonMember;

    private static string CogsRole(CounterpartyClass buyer) =>
        buyer == CounterpartyClass.Member ? AccountRoles.ShopCogsMember : AccountRoles.ShopCogsNonMember;

    /// <summary>Where the goods money of a sale goes: the koperasi's sales, or a seller's saldo.</summary>
    private static string GoodsRole(UnitKind unit, CounterpartyClass buyer) => unit == UnitKind.Seller ? AccountRoles.ShopUnitBalance : SalesRole(buyer);

    public static IReadOnlyList<JournalEntry>? Post(IDomainEvent e, EventRef r, Chart chart, string v)
    {
        var d = e.Meta.BusinessDate;
        string C(string role) => chart.CodeFor(role, d);
        switch (e)
        {
            case StockReceived x:
                var credit = x.Payment == "credit" ? C(AccountRoles.ShopSuppliersPayable) : C(CashRole(x.Payment == "transfer" ? CashPoints.Bank : CashPoints.Kas));
                return Entry(x, r, v, $"Penerimaan barang {x.Quantity} dari {x.Supplier}", x.ReceiptId, new EntryLines()
                    .Debit(C(AccountRoles.ShopInventory), x.Value)
                    .Credit(credit, x.Value, null, x.Payment == "credit" ? null : CashFlows.Suppliers, null, x.Supplier));

            case StockSold x:
                return Entry(x, r, v, "Harga pokok penjualan", x.OrderId, new EntryLines()
                    .Debit(C(CogsRole(x.Buyer)), x.Cost, x.Buyer, null, x.MemberId)
                    .Credit(C(AccountRoles.ShopInventory), x.Cost));

            case StockRestocked x:
                return Entry(x, r, v, x.ReturnId is null ? "Pembatalan penjualan: barang kembali ke persediaan" : "Retur penjualan: barang kembali ke persediaan",
                    x.OrderId, new EntryLines()
                        .Debit(C(AccountRoles.ShopInventory), x.Cost)
                        .Credit(C(CogsRole(x.Buyer)), x.Cost, x.Buyer, null, x.MemberId));

            case StockAdjusted x:
                return Entry(x, r, v, $"Penyesuaian persediaan: {x.Reason}", x.AdjustmentId, Difference(x.ValueChange, C));

            case StockCounted x:
                return Entry(x, r, v, $"Selisih stock opname ({x.ExpectedQuantity} tercatat, {x.CountedQuantity} dihitung)", x.CountId,
                    Difference(x.ValueChange, C));

            case OrderPaid x:
                var paid = Settlement(x.CashPoint);
                return Entry(x, r, v, x.UnitKind == UnitKind.Seller ? "Penjualan barang titipan (saldo toko)" : "Penjualan toko", x.OrderId, new EntryLines()
                    .Debit(C(paid.Role), x.Amount, x.Buyer, paid.CashFlow, x.MemberId)
                    .Credit(C(GoodsRole(x.UnitKind, x.Buyer)), x.Goods, x.Buyer, null, x.MemberId)
                    .Credit(C(AccountRoles.ShopShippingIncome), x.Shipping, x.Buyer, null, x.MemberId, "Ongkos kirim"));

            case OrderCancelled { WasPaid: true } x:
                return Entry(x, r, v, $"Pembatalan penjualan: {x.Reason}", x.OrderId, new EntryLines()
                    .Debit(C(GoodsRole(x.UnitKind, x.Buyer)), x.Goods, x.Buyer, null, x.MemberId)
                    .Debit(C(AccountRoles.ShopShippingIncome), x.Shipping, x.Buyer, null, x.MemberId, "Ongkos kirim")
                    .Credit(C(Settlement(x.CashPoint!).Role), x.Refund, x.Buyer, Settlement(x.CashPoint!).CashFlow, x.MemberId));

            case OrderReturned x:
                return Entry(x, r, v, $"Retur penjualan: {x.Reason}", x.OrderId, new EntryLines()
                    .Debit(C(GoodsRole(x.UnitKind, x.Buyer)), x.Refund, x.Buyer, null, x.MemberId)
                    .Credit(C(Settlement(x.CashPoint).Role), x.Refund, x.Buyer, Settlement(x.CashPoint).CashFlow, x.MemberId));

            case OrderShipped x:
                return Entry(x, r, v, $"Ongkos kirim {x.Courier} {x.TrackingNumber}", x.OrderId, new EntryLines()
                    .Debit(C(AccountRoles.ShopShippingExpense), x.ShippingCost)
                    .Credit(C(CashRole(x.CashPoint)), x.ShippingCost, null, CashFlows.Suppliers, null, x.Courier));

            case SellerSaleSettled x:
                return Entry(x, r, v, $"Komisi toko {x.CommissionPercent}%", x.OrderId, new EntryLines()
                    .Debit(C(AccountRoles.ShopUnitBalance), x.Commission, x.Seller, null, x.OwnerMemberId)
                    .Credit(C(AccountRoles.ShopCommissionIncome), x.Commission, x.Seller, null, x.OwnerMemberId));

            case SellerSaleReversed x:
                return Entry(x, r, v, "Komisi toko dikembalikan (retur)", x.OrderId, new EntryLines()
                    .Debit(C(AccountRoles.ShopCommissionIncome), x.Commission, x.Seller, null, x.OwnerMemberId)
                    .Credit(C(AccountRoles.ShopUnitBalance), x.Commission, x.Seller, null, x.OwnerMemberId));

            case UnitPayoutApproved x:
                return Entry(x, r, v, "Pencairan saldo toko", x.PayoutId, new EntryLines()
                    .Debit(C(AccountRoles.ShopUnitBalance), x.Amount, x.Seller, null, x.OwnerMemberId)
                    .Credit(C(CashRole(x.CashPoint)), x.Amount, x.Seller, CashFlows.UnitPayouts, x.OwnerMemberId));

            case ShopCreditRepaid x:
                return Entry(x, r, v, "Pelunasan piutang belanja anggota", x.PaymentId, new EntryLines()
                    .Debit(C(CashRole(x.CashPoint)), x.Amount, CounterpartyClass.Member, CashFlows.ShopSales, x.MemberId)
                    .Credit(C(AccountRoles.ShopMemberReceivable), x.Amount, CounterpartyClass.Member, null, x.MemberId));

            case ProductCreated or ProductPriceChanged or ProductRenamed or ProductDeactivated or ProductReactivated or ProductDiscountScheduled or StockReserved or StockReleased or StockShipped
                or OrderPlaced or OrderDelivered or OrderCompleted or OrderCancelled or UnitOpened or UnitManagerAssigned or UnitManagerRemoved
                or UnitPayoutRequested or UnitPayoutRejected or VoucherCreated or VoucherRedeemed or VoucherReleased or ShopSettingsChanged:
                return [];

            default:
                return null;
        }
    }

    /// <summary>A stock difference: a surplus debits inventory, a shortage debits "selisih persediaan" (debit line first either way).</summary>
    private static EntryLines Difference(decimal valueChange, Func<string, string> code)
    {
        var (debit, credit) = valueChange >= 0
            ? (AccountRoles.ShopInventory, AccountRoles.ShopInventoryAdjustment)
            : (AccountRoles.ShopInventoryAdjustment, AccountRoles.ShopInventory);
        return new EntryLines().Debit(code(debit), Math.Abs(valueChange)).Credit(code(credit), Math.Abs(valueChange));
    }

    /// <summary>One entry, or none when every amount is zero (consigned goods have no cost; a fully discounted order no money).</summary>
    private static IReadOnlyList<JournalEntry> Entry(IDomainEvent e, EventRef r, string v, string description, Guid reference, EntryLines lines)
    {
        var built = lines.Build();
        return built.Count == 0 ? [] : [PostingRuleBook.FromEvent(e, r, v, description, lines, reference)];
    }
}
