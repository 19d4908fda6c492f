using Ekopz.Api.Auth;
using Ekopz.Api.Shop.Catalogue;
using Ekopz.Api.Shop.Stock;
using Ekopz.Api.Shop.Store;
using Ekopz.Api.Shop.Units;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Shop;
using static Ekopz.Tests.Unit.Shop.ShopTestData;
using static Ekopz.Tests.Unit.Writes.WriteScopes;

namespace Ekopz.Tests.Unit.Writes;

/// <summary>
/// The catalogue, stock, unit and payout endpoints' Decide functions and the storefront quote's pricing, without a database
/// (docs/adr/0041): the scope has no session, so a decision that reached for one would fail here.
/// </summary>
public class when_the_catalogue_stock_and_units_are_written_on_the_write_path
{
    private static Ekopz.Api.Infrastructure.CommandScope Toko => As("toko1", Roles.PengelolaToko);

    private static ShopUnit ManagedBy(ShopUnit unit, string username) =>
        ShopUnit.Evolve(unit, new UnitManagerAssigned(unit.Id, username, Meta()))!;

    [Fact]
    public void a_product_is_created_by_who_manages_its_unit_and_a_taken_sku_is_a_conflict_on_the_field()
    {
        var request = new CreateProductRequest(" brs-10 ", "Beras 10 kg", 90_000m, 100_000m);
        var productId = Guid.NewGuid();
        var created = CatalogueWriteEndpoints.DecideCreate(Pengurus, request, productId, OwnUnit, skuTaken: false);
        (created.ProductId, created.Sku, created.UnitId).Should().Be((productId, "BRS-10", OwnUnit.Id));
        created.Meta.Should().Be(new EventMeta("pengurus1", Today, Now, Channels.Web, "corr-1"));

        var taken = () => CatalogueWriteEndpoints.DecideCreate(Pengurus, request, productId, OwnUnit, skuTaken: true);
        taken.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Equal("sku");
        taken.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.Conflict);
        var invalidFirst = () => CatalogueWriteEndpoints.DecideCreate(Pengurus, request with { Name = "" }, productId, OwnUnit, skuTaken: true);
        invalidFirst.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
        var notTheirs = () => CatalogueWriteEndpoints.DecideCreate(Toko, request, productId, OwnUnit, skuTaken: false);
        notTheirs.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.Forbidden);
        CatalogueWriteEndpoints.DecideCreate(Toko, request, productId, ManagedBy(OwnUnit, "toko1"), false).Sku.Should().Be("BRS-10");
    }

    [Fact]
    public void prices_and_flash_sales_need_a_product_and_answer_it_after_the_change()
    {
        var product = Product();
        var (changed, view) = CatalogueWriteEndpoints.DecideChangePrice(Pengurus, new ChangePriceRequest(9_500m, 11_000m, null), product, OwnUnit);
        changed.EffectiveFrom.Should().Be(Today);
        view.ProductId.Should().Be(product.Id);
        var missing = () => CatalogueWriteEndpoints.DecideChangePrice(Pengurus, new ChangePriceRequest(9_500m, 11_000m, null), null, null);
        missing.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
        var past = () => CatalogueWriteEndpoints.DecideChangePrice(Pengurus, new ChangePriceRequest(9_500m, 11_000m, Today.PlusDays(-1)), product, OwnUnit);
        past.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Equal("effectiveFrom");

        var discountId = Guid.NewGuid();
        var sale = CatalogueWriteEndpoints.DecideDiscount(Pengurus, new ScheduleDiscountRequest(" Percent ", 10m, Now, Now.Plus(NodaTime.Duration.FromDays(1)),
            "Gajian"), discountId, product, OwnUnit);
        (sale.DiscountId, sale.Kind, sale.Value).Should().Be((discountId, DiscountKinds.Percent, 10m));
        var noProduct = () => CatalogueWriteEndpoints.DecideDiscount(Pengurus, new ScheduleDiscountRequest("percent", 10m, Now, Now, null), discountId, null, null);
        noProduct.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Fact]
    public void a_receipt_names_its_bad_lines_and_answers_each_product_after_its_line()
    {
        var product = Product();
        var products = Map(product);
        var units = new Dictionary<Guid, ShopUnit> { [OwnUnit.Id] = OwnUnit };
        var receiptId = Guid.NewGuid();
        var request = new StockReceiptRequest("PT Pemasok", null, [new ReceiptLineRequest(product.Id, 10m, 7_000m),
            new ReceiptLineRequest(product.Id, 10m, 8_000m)], "credit");
        var (events, response) = ReceiveStockEndpoint.Decide(Pengurus, request, receiptId, products, units);
        events.Should().HaveCount(2).And.OnlyContain(e => e.ReceiptId == receiptId && e.Meta.Channel == Channels.Transfer);
        response.Total.Should().Be(150_000m);
        response.Lines[1].OnHand.Should().Be(20m);
        response.Lines[1].AverageCost.Should().Be(7_500m);

        var unknown = () => ReceiveStockEndpoint.Decide(Pengurus, request with { Lines = [new ReceiptLineRequest(Guid.NewGuid(), 1m, 1m)] }, receiptId,
            products, units);
        unknown.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Equal("lines[0].productId");
        var noSupplier = () => ReceiveStockEndpoint.Decide(Pengurus, request with { Supplier = " " }, receiptId, products, units);
        noSupplier.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Equal("supplier");
        var closed = () => ReceiveStockEndpoint.Decide(Pengurus, request with { BusinessDate = new NodaTime.LocalDate(2026, 9, 30) }, receiptId, products, units);
        closed.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.PeriodClosed);
        var notTheirs = () => ReceiveStockEndpoint.Decide(Toko, request, receiptId, products, units);
        notTheirs.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.Forbidden);
    }

    [Fact]
    public void a_count_posts_the_difference_once_per_product_and_an_adjustment_never_takes_reserved_units()
    {
        var product = Stocked(10m, 7_000m);
        var units = new Dictionary<Guid, ShopUnit> { [OwnUnit.Id] = OwnUnit };
        var (events, response) = AdjustAndCountStockEndpoints.DecideCount(Pengurus, new StockCountRequest(null, [new CountLineRequest(product.Id, 8m)]),
            Guid.NewGuid(), Map(product), units);
        events.Should().ContainSingle().Which.QuantityChange.Should().Be(-2m);
        response.TotalValueChange.Should().Be(-14_000m);
        response.Lines[0].OnHand.Should().Be(8m);
        var twice = () => AdjustAndCountStockEndpoints.DecideCount(Pengurus, new StockCountRequest(null,
            [new CountLineRequest(product.Id, 8m), new CountLineRequest(product.Id, 9m)]), Guid.NewGuid(), Map(product), units);
        twice.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Equal("lines[1].productId");

        var reserved = product.Apply(ShopProductDecider.Reserve(product, Guid.NewGuid(), 7m, Meta()));
        var (adjusted, answer) = AdjustAndCountStockEndpoints.DecideAdjustment(Pengurus, new StockAdjustmentRequest(product.Id, -3m, "pecah"),
            Guid.NewGuid(), reserved, OwnUnit);
        (adjusted.QuantityChange, adjusted.ValueChange, answer.OnHand).Should().Be((-3m, -21_000m, 7m));
        var tooMany = () => AdjustAndCountStockEndpoints.DecideAdjustment(Pengurus, new StockAdjustmentRequest(product.Id, -4m, "pecah"),
            Guid.NewGuid(), reserved, OwnUnit);
        tooMany.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientStock);
        var unknown = () => AdjustAndCountStockEndpoints.DecideAdjustment(Pengurus, new StockAdjustmentRequest(Guid.NewGuid(), -1m, "pecah"),
            Guid.NewGuid(), null, null);
        unknown.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Equal("productId");
    }

    [Fact]
    public void a_unit_is_opened_for_an_owner_still_in_the_koperasi_and_managers_are_logins_of_it()
    {
        var owner = Member(MemberStatus.Active);
        var unitId = Guid.NewGuid();
        var opened = UnitWriteEndpoints.DecideCreate(Pengurus, new CreateUnitRequest("Keripik", "seller", owner.Id), unitId, owner);
        (opened.UnitId, opened.Kind, opened.OwnerMemberId).Should().Be((unitId, UnitKind.Seller, owner.Id));
        var gone = () => UnitWriteEndpoints.DecideCreate(Pengurus, new CreateUnitRequest("Keripik", "seller", owner.Id), unitId,
            owner with { Status = MemberStatus.Exited });
        gone.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
        var nobody = () => UnitWriteEndpoints.DecideCreate(Pengurus, new CreateUnitRequest("Keripik", "seller", owner.Id), unitId, null);
        nobody.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Equal("ownerMemberId");

        var login = new UserAccount { Id = "toko1", Koperasi = "kop", Roles = [Roles.PengelolaToko] };
        var (assigned, view) = UnitWriteEndpoints.DecideAssign(Pengurus, "kop", new UnitManagerRequest(" Toko1 "), login, OwnUnit);
        assigned!.Username.Should().Be("toko1");
        view.Should().NotBeNull();
        UnitWriteEndpoints.DecideAssign(Pengurus, "kop", new UnitManagerRequest("toko1"), login, ManagedBy(OwnUnit, "toko1")).Event.Should().BeNull();
        var foreign = () => UnitWriteEndpoints.DecideAssign(Pengurus, "kop", new UnitManagerRequest("toko1"), new UserAccount { Id = "toko1", Koperasi = "other",
            Roles = [Roles.PengelolaToko] }, OwnUnit);
        foreign.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Equal("username");
        var missingUnit = () => UnitWriteEndpoints.DecideAssign(Pengurus, "kop", new UnitManagerRequest("toko1"), login, null);
        missingUnit.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
        var notAssigned = () => UnitWriteEndpoints.DecideRemove(Pengurus, "toko1", OwnUnit);
        notAssigned.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
        UnitWriteEndpoints.DecideRemove(Pengurus, " TOKO1", ManagedBy(OwnUnit, "toko1")).Event.Username.Should().Be("toko1");
    }

    [Fact]
    public void a_payout_is_asked_within_the_balance_and_approved_by_another_pengurus()
    {
        var seller = SellerUnit();
        seller = ShopUnit.Evolve(seller, ShopUnitDecider.Settle(seller, Guid.NewGuid(), 100_000m, 10m, Meta()))!;
        var payoutId = Guid.NewGuid();
        var (requested, view) = UnitPayoutEndpoints.DecideRequest(Pengurus, new PayoutRequest(50_000m, "Minggu ini"), payoutId, seller);
        (view.PayoutId, view.Status, view.RequestedBy, view.RequestedOn).Should().Be((payoutId, PayoutStatuses.Requested, "pengurus1", Today));
        var tooMuch = () => UnitPayoutEndpoints.DecideRequest(Pengurus, new PayoutRequest(90_001m, null), payoutId, seller);
        tooMuch.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientBalance);
        var noAmount = () => UnitPayoutEndpoints.DecideRequest(Pengurus, new PayoutRequest(null, null), payoutId, null);
        noAmount.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Equal("amount");
        var noUnit = () => UnitPayoutEndpoints.DecideRequest(Pengurus, new PayoutRequest(1m, null), payoutId, null);
        noUnit.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);

        var asked = ShopUnit.Evolve(seller, requested)!;
        var same = () => UnitPayoutEndpoints.DecideApproval(Pengurus, payoutId, new PayoutDecisionRequest(), asked);
        same.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.SameMakerChecker);
        var (approved, paid) = UnitPayoutEndpoints.DecideApproval(Pengurus2, payoutId, new PayoutDecisionRequest(), asked);
        (approved.Amount, approved.Meta.Channel, paid.Status, paid.DecidedBy).Should().Be((50_000m, Channels.Transfer, PayoutStatuses.Paid, "pengurus2"));
        var again = () => UnitPayoutEndpoints.DecideRejection(Pengurus2, payoutId, new PayoutDecisionRequest(Reason: "x"), ShopUnit.Evolve(asked, approved));
        again.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
        UnitPayoutEndpoints.DecideRejection(Pengurus2, payoutId, new PayoutDecisionRequest(Reason: "Belum"), asked).View.Status
            .Should().Be(PayoutStatuses.Rejected);
    }

    [Fact]
    public void a_storefront_quote_is_priced_from_what_is_read_and_reserves_nothing()
    {
        var product = Stocked(5m, 7_000m);
        var guest = new Caller("tamu-web", "kop", new HashSet<string>(), null);
        var meta = new EventMeta("tamu-web", Today, Now, Channels.Web, "corr-1");
        var request = new StoreQuoteRequest([new StoreLineInput(product.Id, 2m)]);
        var priced = StorefrontEndpoints.PriceQuote(request, guest, Map(product), null, null, meta);
        var quote = StorefrontEndpoints.AnswerQuote(priced, 9_000m, Map(product), "JNE", meta);
        (quote.PriceKind, quote.Subtotal, quote.ShippingCharge, quote.Total).Should().Be((PriceKinds.Public, 20_000m, 9_000m, 29_000m));

        var buyer = Member(MemberStatus.Active);
        var member = new Caller("budi", "kop", new HashSet<string> { Roles.Anggota }, buyer.Id);
        var memberQuote = StorefrontEndpoints.AnswerQuote(StorefrontEndpoints.PriceQuote(request, member, Map(product), buyer, null, meta), 0m,
            Map(product), "JNE", meta);
        (memberQuote.PriceKind, memberQuote.Total).Should().Be((PriceKinds.Member, 18_000m));

        var tooMany = () => StorefrontEndpoints.PriceQuote(new StoreQuoteRequest([new StoreLineInput(product.Id, 6m)]), guest, Map(product), null, null, meta);
        tooMany.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Equal("lines[0].quantity");
        var noVoucher = () => StorefrontEndpoints.PriceQuote(request with { VoucherCode = "NOPE" }, guest, Map(product), null, null, meta);
        noVoucher.Should().Throw<DomainException>();
    }
}
