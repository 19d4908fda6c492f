using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using NodaTime;

namespace Ekopz.Tests.Unit.Savings;

public class WithdrawalAndReversalDeciderTests
{
    private static readonly Guid MemberId = Guid.NewGuid();
    private static readonly EventMeta ByMember = new("budi", new LocalDate(2026, 11, 2), Instant.FromUtc(2026, 11, 2, 1, 0), Channels.Web, "c");
    private static readonly EventMeta ByPengurus = ByMember with { Actor = "pengurus1", Channel = Channels.Counter };

    private static Member Active(decimal sukarela, decimal pokok = 100_000m) => new(MemberId, "000001", "Budi", "3201011501800001", null, null,
        MemberStatus.Active, new SavingsBalances(pokok, 0m, sukarela), new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 1));

    private static Withdrawal Requested(decimal amount) =>
        Withdrawal.Evolve(null, WithdrawalDecider.Request(Guid.NewGuid(), SavingsKind.Sukarela, amount, null, Active(1_000_000m), ByMember))!;

    [Theory]
    [InlineData(SavingsKind.Pokok)]
    [InlineData(SavingsKind.Wajib)]
    public void PokokAndWajib_AreNotWithdrawable(SavingsKind kind)
    {
        var act = () => WithdrawalDecider.Request(Guid.NewGuid(), kind, 1m, null, Active(10m), ByMember);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotWithdrawable);
    }

    [Fact]
    public void TheRequesterCannotApprove()
    {
        var act = () => WithdrawalDecider.Approve(Requested(100m), Active(1_000m), Channels.Counter, ByMember);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.SameMakerChecker);
    }

    [Fact]
    public void ApprovalChecksTheBalanceAgain()
    {
        var act = () => WithdrawalDecider.Approve(Requested(500m), Active(499.99m), Channels.Counter, ByPengurus);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientBalance);
    }

    [Fact]
    public void ApprovalPaysOutOfSukarela_ThroughTheChosenCashPoint()
    {
        var (approved, paid) = WithdrawalDecider.Approve(Requested(500m), Active(1_000m), Channels.Transfer, ByPengurus);
        paid.Amount.Should().Be(500m);
        paid.CashPoint.Should().Be(CashPoints.Bank);
        paid.RequestedBy.Should().Be("budi");
        Member.Evolve(Active(1_000m), paid)!.Balances.Sukarela.Should().Be(500m);
        Withdrawal.Evolve(Requested(500m), approved)!.Status.Should().Be(WithdrawalStatus.Paid);
    }

    [Fact]
    public void ADecidedWithdrawalCannotBeDecidedAgain()
    {
        var w = Requested(100m);
        var (approved, _) = WithdrawalDecider.Approve(w, Active(1_000m), Channels.Counter, ByPengurus);
        var paid = Withdrawal.Evolve(w, approved);
        var act = () => WithdrawalDecider.Reject(paid, "late", ByPengurus);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void ReversingPokok_BelowTheAmountDue_MakesTheMemberAnApplicantAgain()
    {
        var deposit = new ReversedDeposit(Guid.NewGuid(), SavingsKind.Pokok, 100_000m, CashPoints.Kas, new LocalDate(2026, 1, 1));
        var requested = ReversalDecider.Request(null, Active(0m), deposit, "salah anggota", ByPengurus);
        var reversal = Reversal.Evolve(null, requested);
        var events = ReversalDecider.Approve(reversal, Active(0m), 100_000m, ByPengurus with { Actor = "pengurus2" });
        events.Select(e => e.GetType()).Should().Equal(typeof(SavingsDepositReversed), typeof(SavingsReversalApproved), typeof(MemberActivationRevoked));
        var after = events.Aggregate((Member?)Active(0m), (m, e) => Member.Evolve(m, e))!;
        after.Status.Should().Be(MemberStatus.Applicant);
        after.Balances.Pokok.Should().Be(0m);
    }

    [Fact]
    public void AReversalNeedsASecondPerson_AndABalanceThatStillHoldsTheDeposit()
    {
        var deposit = new ReversedDeposit(Guid.NewGuid(), SavingsKind.Sukarela, 300m, CashPoints.Kas, new LocalDate(2026, 1, 1));
        var reversal = Reversal.Evolve(null, ReversalDecider.Request(null, Active(300m), deposit, "double entry", ByPengurus));
        var same = () => ReversalDecider.Approve(reversal, Active(300m), 100_000m, ByPengurus);
        same.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.SameMakerChecker);
        var spent = () => ReversalDecider.Approve(reversal, Active(299m), 100_000m, ByPengurus with { Actor = "pengurus2" });
        spent.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientBalance);
    }

    [Fact]
    public void Exit_RefundsEveryBalance_NetOfWhatIsOwed()
    {
        var member = Active(250_000m) with { Balances = new SavingsBalances(100_000m, 75_000m, 250_000m) };
        var exited = MemberDecider.Exit(new ExitMember("pindah kota", false, null), member,
            [new RefundOffset("loan", Guid.NewGuid(), 125_000m)], ByPengurus);
        exited.Refund.Should().Be(new SavingsBalances(100_000m, 75_000m, 250_000m));
        exited.NetPaid.Should().Be(300_000m);
        var after = Member.Evolve(member, exited)!;
        after.Status.Should().Be(MemberStatus.Exited);
        after.Balances.Should().Be(SavingsBalances.Zero);
    }

    [Fact]
    public void Exit_OwingMoreThanTheSavings_IsRefused()
    {
        var act = () => MemberDecider.Exit(new ExitMember("x", false, null), Active(0m), [new RefundOffset("loan", Guid.NewGuid(), 100_001m)], ByPengurus);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientBalance);
    }

    [Fact]
    public void Death_NeedsTheHeirs_AndAfterwardsNothingMoreIsDeposited()
    {
        var noHeirs = () => MemberDecider.Exit(new ExitMember("meninggal", true, null), Active(0m), [], ByPengurus);
        noHeirs.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("paidTo");

        var exited = MemberDecider.Exit(new ExitMember("meninggal", true, "Ani (istri)"), Active(10m), [], ByPengurus);
        var after = Member.Evolve(Active(10m), exited)!;
        after.Status.Should().Be(MemberStatus.Deceased);
        var deposit = () => MemberDecider.Deposit(new DepositSavings(Guid.NewGuid(), SavingsKind.Sukarela, 1m, null), after,
            new Ekopz.Domain.Koperasi.SettingsVersion(LocalDate.MinIsoValue, 100_000m, 25_000m), CounterpartyClass.Member, ByPengurus);
        deposit.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }
}
