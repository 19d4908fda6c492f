using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using NodaTime;

namespace Ekopz.Tests.Unit.Members;

/// <summary>Given(events).When(command).Then(events) on the member decider; no database.</summary>
public class MemberDeciderTests
{
    private static readonly LocalDate Day = new(2026, 11, 2);
    private static readonly EventMeta Meta = new("kasir1", Day, Instant.FromUtc(2026, 11, 2, 3, 0), Channels.Counter, "c-1");
    private static readonly SettingsVersion Settings = new(LocalDate.MinIsoValue, 100_000m, 25_000m);
    private static readonly Guid Id = Guid.NewGuid();

    private static Member? Given(params object[] events) => events.Aggregate((Member?)null, Member.Evolve);

    private static MemberRegistered Registered(LocalDate? on = null) =>
        new(Id, "000001", "Budi", "3201011501800001", null, null, Meta with { BusinessDate = on ?? Day });

    private static IReadOnlyList<IDomainEvent> When(Member? state, SavingsKind kind, decimal amount, EventMeta? meta = null) =>
        MemberDecider.Deposit(new DepositSavings(Guid.NewGuid(), kind, amount, null), state, Settings, CounterpartyClass.Member, meta ?? Meta);

    [Fact]
    public void Deposit_PartialPokok_StaysApplicant()
    {
        var events = When(Given(Registered()), SavingsKind.Pokok, 40_000m);
        events.Should().ContainSingle().Which.Should().BeOfType<SavingsDeposited>()
            .Which.Should().Match<SavingsDeposited>(d => d.Amount == 40_000m && d.Kind == SavingsKind.Pokok && d.CashPoint == CashPoints.Kas);
    }

    [Fact]
    public void Deposit_LastOfPokok_ActivatesTheMember()
    {
        var state = Given(Registered(), new SavingsDeposited(Id, Guid.NewGuid(), SavingsKind.Pokok, 40_000m, CounterpartyClass.Member, CashPoints.Kas, null, Meta));
        var events = When(state, SavingsKind.Pokok, 60_000m);
        events.Should().HaveCount(2);
        events[1].Should().BeOfType<MemberActivated>();
        events.Aggregate(state, (m, e) => Member.Evolve(m, e))!.Status.Should().Be(MemberStatus.Active);
    }

    [Fact]
    public void Deposit_MorePokokThanDue_IsInvalidState()
    {
        var act = () => When(Given(Registered()), SavingsKind.Pokok, 100_001m);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void Deposit_WajibByApplicant_IsInvalidState()
    {
        var act = () => When(Given(Registered()), SavingsKind.Wajib, 25_000m);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void Deposit_TransferChannel_GoesThroughTheBank()
    {
        var active = Given(Registered(), new MemberActivated(Id, Meta));
        var events = When(active, SavingsKind.Sukarela, 10_000m, Meta with { Channel = Channels.Transfer });
        events.OfType<SavingsDeposited>().Single().CashPoint.Should().Be(CashPoints.Bank);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("0.001")]
    [InlineData("1000000000000000.01")]
    public void Deposit_BadAmount_IsValidationFailed(string amount)
    {
        var act = () => When(Given(Registered(), new MemberActivated(Id, Meta)), SavingsKind.Sukarela, decimal.Parse(amount));
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
    }

    [Fact]
    public void Deposit_UnknownMember_IsNotFound()
    {
        var act = () => When(null, SavingsKind.Pokok, 1m);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Fact]
    public void Deposit_BeforeRegistration_IsValidationFailed()
    {
        var act = () => When(Given(Registered()), SavingsKind.Pokok, 1m, Meta with { BusinessDate = Day.PlusDays(-1) });
        act.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("businessDate");
    }

    [Theory]
    [InlineData("3201011501800001", true)]
    [InlineData("3201015501800001", true)]
    [InlineData("320101150180000", false)]
    [InlineData("32010115018000011", false)]
    [InlineData("0901011501800001", false)]
    [InlineData("3201010000000001", false)]
    [InlineData("32010115018000a1", false)]
    public void Nik_IsSixteenDigitsWithAProvinceAndABirthDate(string nik, bool valid) =>
        MemberDecider.IsValidNik(nik).Should().Be(valid);

    [Fact]
    public void Register_CollectsEveryFieldError()
    {
        var act = () => MemberDecider.Register(new RegisterMember(Id, " ", "12", "abc", null), 1, Meta);
        act.Should().Throw<DomainException>().Which.Errors!.Keys.Should().BeEquivalentTo(["name", "nik", "phone"]);
    }

    [Fact]
    public void Register_NumbersAreZeroPadded() =>
        MemberDecider.Register(new RegisterMember(Id, "Budi", "3201011501800001", "0812-3456-789", null), 42, Meta)
            .Should().Match<MemberRegistered>(e => e.MemberNumber == "000042" && e.Phone == "08123456789");
}
