using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using NodaTime;

namespace Ekopz.Tests.Unit.Savings;

/// <summary>
/// Given(withdrawal events).When(approve or pay).Then(events) for a withdrawal paid out at the counter:
/// the pengurus approves (nothing moves), the kasir pays (the money moves); no database.
/// </summary>
public class CounterWithdrawalDeciderTests
{
    private static readonly Guid MemberId = Guid.NewGuid();
    private static readonly Guid WithdrawalId = Guid.NewGuid();
    private static readonly LocalDate Day = new(2026, 11, 2);
    private static readonly EventMeta ByKasir = new("kasir1", Day, Instant.FromUtc(2026, 11, 2, 1, 0), Channels.Counter, "c-1");
    private static readonly EventMeta ByPengurus = ByKasir with { Actor = "pengurus1", Channel = Channels.Web, RecordedAt = Instant.FromUtc(2026, 11, 2, 2, 0) };
    private static readonly EventMeta PaidByKasir = ByKasir with { Actor = "kasir2", Channel = Channels.Web, RecordedAt = Instant.FromUtc(2026, 11, 2, 3, 0) };

    private static Member Active(decimal sukarela) => new(MemberId, "000001", "Budi", "3201011501800001", null, null,
        MemberStatus.Active, new SavingsBalances(100_000m, 0m, sukarela), new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 1));

    private static WithdrawalRequested Requested(decimal amount, bool payAtCounter = true) =>
        WithdrawalDecider.Request(WithdrawalId, SavingsKind.Sukarela, amount, null, Active(1_000_000m), ByKasir, payAtCounter);

    private static WithdrawalApprovedForCounter ApprovedForCounter => new(WithdrawalId, MemberId, ByPengurus);

    private static Withdrawal? Given(params object[] events) => events.Aggregate((Withdrawal?)null, Withdrawal.Evolve);

    [Fact]
    public void approving_a_counter_withdrawal_records_the_approval_and_moves_no_money()
    {
        var approved = WithdrawalDecider.ApproveForCounter(Given(Requested(300m)), Active(1_000m), ByPengurus);

        approved.Should().Be(new WithdrawalApprovedForCounter(WithdrawalId, MemberId, ByPengurus));
        var state = Given(Requested(300m), approved)!;
        state.Status.Should().Be(WithdrawalStatus.Approved);
        state.DecidedBy.Should().Be("pengurus1");
        state.TransactionId.Should().BeNull("nothing is paid yet");
        state.PaidBy.Should().BeNull();
    }

    [Fact]
    public void approving_a_counter_withdrawal_still_needs_a_second_person_and_a_covering_balance()
    {
        var same = () => WithdrawalDecider.ApproveForCounter(Given(Requested(300m)), Active(1_000m), ByKasir);
        same.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.SameMakerChecker);

        var spent = () => WithdrawalDecider.ApproveForCounter(Given(Requested(300m)), Active(299.99m), ByPengurus);
        spent.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientBalance);
    }

    [Fact]
    public void paying_an_approved_counter_withdrawal_pays_cash_through_the_counter_as_the_kasir()
    {
        var (paid, withdrawn) = WithdrawalDecider.PayAtCounter(Given(Requested(300m), ApprovedForCounter), Active(1_000m), PaidByKasir);

        paid.WithdrawalId.Should().Be(WithdrawalId);
        paid.TransactionId.Should().Be(withdrawn.TransactionId);
        withdrawn.Should().Match<SavingsWithdrawn>(w => w.Amount == 300m && w.Kind == SavingsKind.Sukarela && w.CashPoint == CashPoints.Kas
            && w.WithdrawalId == WithdrawalId && w.RequestedBy == "kasir1");
        withdrawn.Meta.Actor.Should().Be("kasir2", "the statement names who handed over the cash");
        withdrawn.Meta.Channel.Should().Be(Channels.Counter);
        paid.Meta.Channel.Should().Be(Channels.Counter);

        Member.Evolve(Active(1_000m), withdrawn)!.Balances.Sukarela.Should().Be(700m);
        var state = Given(Requested(300m), ApprovedForCounter, paid)!;
        state.Status.Should().Be(WithdrawalStatus.Paid);
        state.PaidBy.Should().Be("kasir2");
        state.PaidAt.Should().Be(PaidByKasir.RecordedAt);
        state.DecidedBy.Should().Be("pengurus1", "the approval stays the pengurus'");
        state.TransactionId.Should().Be(withdrawn.TransactionId);
    }

    [Fact]
    public void paying_checks_the_balance_again()
    {
        var act = () => WithdrawalDecider.PayAtCounter(Given(Requested(300m), ApprovedForCounter), Active(299.99m), PaidByKasir);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientBalance);
    }

    [Fact]
    public void a_withdrawal_that_is_not_approved_cannot_be_paid()
    {
        var requested = () => WithdrawalDecider.PayAtCounter(Given(Requested(300m)), Active(1_000m), PaidByKasir);
        requested.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);

        var rejected = () => WithdrawalDecider.PayAtCounter(Given(Requested(300m), new WithdrawalRejected(WithdrawalId, MemberId, "tidak datang", ByPengurus)),
            Active(1_000m), PaidByKasir);
        rejected.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);

        var (paid, _) = WithdrawalDecider.PayAtCounter(Given(Requested(300m), ApprovedForCounter), Active(1_000m), PaidByKasir);
        var twice = () => WithdrawalDecider.PayAtCounter(Given(Requested(300m), ApprovedForCounter, paid), Active(1_000m), PaidByKasir);
        twice.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void a_withdrawal_paid_on_approval_is_never_waiting_for_the_counter()
    {
        var (approved, _) = WithdrawalDecider.Approve(Given(Requested(300m, payAtCounter: false)), Active(1_000m), Channels.Counter, ByPengurus);
        var state = Given(Requested(300m, payAtCounter: false), approved)!;
        state.Status.Should().Be(WithdrawalStatus.Paid);
        state.PaidBy.Should().Be("pengurus1", "approval paid");
        var act = () => WithdrawalDecider.PayAtCounter(state, Active(1_000m), PaidByKasir);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void the_cash_cannot_be_handed_over_before_the_approval_day()
    {
        var approvedLater = new WithdrawalApprovedForCounter(WithdrawalId, MemberId, ByPengurus with { BusinessDate = Day.PlusDays(1) });
        var act = () => WithdrawalDecider.PayAtCounter(Given(Requested(300m), approvedLater), Active(1_000m), PaidByKasir);
        act.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Equal("businessDate");
    }

    [Fact]
    public void an_approved_counter_withdrawal_that_was_never_paid_may_be_rejected()
    {
        var rejected = WithdrawalDecider.Reject(Given(Requested(300m), ApprovedForCounter), "anggota tidak datang", ByPengurus);
        Given(Requested(300m), ApprovedForCounter, rejected)!.Status.Should().Be(WithdrawalStatus.Rejected);
    }

    [Fact]
    public void an_event_recorded_before_the_option_existed_is_paid_on_approval()
    {
        var legacy = System.Text.Json.JsonSerializer.Deserialize<WithdrawalRequested>(
            """{"WithdrawalId":"6f1c2a8e-3b7d-4c59-9a0e-5d2f8b1e4c73","MemberId":"6f1c2a8e-3b7d-4c59-9a0e-5d2f8b1e4c74","Kind":2,"Amount":5,"Note":null,"Meta":null}""")!;
        legacy.PayAtCounter.Should().BeFalse();
    }
}
