using Ekopz.Api.Shop.Catalogue;
using Ekopz.Api.Shop.Credit;
using Ekopz.Api.Shop.Settings;
using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using static Ekopz.Tests.Unit.Writes.WriteScopes;

namespace Ekopz.Tests.Unit.Writes;

/// <summary>The shop settings, member credit and product lifecycle endpoints' Decide functions, without a database (docs/adr/0038).</summary>
public class when_the_shop_is_managed_on_the_write_path
{
    [Fact]
    public void a_settings_change_takes_effect_from_today_at_the_earliest()
    {
        var (changed, view) = ShopSettingsEndpoints.Decide(Pengurus, new ChangeShopSettingsRequest(7.5m, null, null, null), null);
        changed.EffectiveFrom.Should().Be(Today);
        view.CommissionPercent.Should().Be(7.5m);
        view.AsOf.Should().Be(Today);
        var past = () => ShopSettingsEndpoints.Decide(Pengurus, new ChangeShopSettingsRequest(7.5m, null, null, Today.PlusDays(-1)), null);
        past.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("effectiveFrom");
    }

    [Fact]
    public void a_credit_repayment_takes_at_most_what_is_owed_and_answers_what_is_left()
    {
        var memberId = Guid.NewGuid();
        var member = WriteScopes.Active(memberId, 0m);
        var (repaid, response) = MemberCreditEndpoints.Decide(Kasir, memberId, new CreditRepaymentRequest(40_000m, "transfer"), member, 100_000m);
        repaid.Meta.Should().Be(new EventMeta("kasir1", Today, Now, Channels.Transfer, "corr-1"));
        response.Should().Be(new CreditRepaymentResponse(repaid.PaymentId, memberId, 40_000m, 60_000m, Today));
        var tooMuch = () => MemberCreditEndpoints.Decide(Kasir, memberId, new CreditRepaymentRequest(140_000m), member, 100_000m);
        tooMuch.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientBalance);
        var noAmount = () => MemberCreditEndpoints.Decide(Kasir, memberId, new CreditRepaymentRequest(null), null, 0m);
        noAmount.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("amount");
        var missing = () => MemberCreditEndpoints.Decide(Kasir, memberId, new CreditRepaymentRequest(1_000m), null, 0m);
        missing.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Fact]
    public void a_product_that_does_not_exist_is_not_found()
    {
        var missing = () => ProductLifecycleEndpoints.Decide(Pengurus, null, null, _ => throw new InvalidOperationException("not decided"));
        missing.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
    }
}
