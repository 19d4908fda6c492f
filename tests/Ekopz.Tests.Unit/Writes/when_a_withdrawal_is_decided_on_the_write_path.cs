using Ekopz.Api.Savings.Withdrawing;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using NodaTime;
using static Ekopz.Tests.Unit.Writes.WriteScopes;

namespace Ekopz.Tests.Unit.Writes;

/// <summary>
/// The withdrawal endpoints' Decide functions (request, approve, reject, pay at the counter): request and state in, events and
/// the answer out, with no database and no clock (docs/adr/0031).
/// </summary>
public class when_a_withdrawal_is_decided_on_the_write_path
{
    private static readonly Guid MemberId = Guid.NewGuid();

    private static Withdrawal Requested(decimal amount, bool payAtCounter = false) =>
        Withdrawal.Evolve(null, RequestWithdrawalEndpoint.Decide(Kasir, "sukarela", new WithdrawalRequest(amount, null, null, null, payAtCounter),
            MemberId, Active(MemberId, 500_000m)).Event)!;

    [Fact]
    public void a_request_records_who_asked_through_which_channel_and_moves_no_money()
    {
        var (requested, response) = RequestWithdrawalEndpoint.Decide(MemberApp(MemberId), "sukarela",
            new WithdrawalRequest(200_000m, null, null, "biaya sekolah"), MemberId, Active(MemberId, 500_000m));
        requested.Amount.Should().Be(200_000m);
        requested.Meta.Should().Be(new EventMeta("budi", Today, Now, Channels.Web, "corr-1"), "a member asks from the app, today");
        response.Should().Be(new WithdrawalRequestedResponse(requested.WithdrawalId, "requested", MemberId, 200_000m, Today, false));
    }

    [Fact]
    public void a_request_for_more_than_the_balance_or_from_a_member_at_the_counter_is_refused()
    {
        var tooMuch = () => RequestWithdrawalEndpoint.Decide(Kasir, "sukarela", new WithdrawalRequest(500_000.01m, null, null, null),
            MemberId, Active(MemberId, 500_000m));
        tooMuch.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientBalance);
        var counter = () => RequestWithdrawalEndpoint.Decide(MemberApp(MemberId), "sukarela", new WithdrawalRequest(1_000m, null, "counter", null),
            MemberId, Active(MemberId, 500_000m));
        counter.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("channel");
        var wajib = () => RequestWithdrawalEndpoint.Decide(Kasir, "wajib", new WithdrawalRequest(1_000m, null, null, null), MemberId,
            Active(MemberId, 500_000m));
        wajib.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotWithdrawable);
    }

    [Fact]
    public void an_approval_pays_out_of_sukarela_and_answers_the_new_balance()
    {
        var withdrawal = Requested(200_000m);
        var decision = DecideWithdrawalEndpoint.DecideApproval(Pengurus, null, new ApproveWithdrawalRequest("transfer"), withdrawal,
            Active(MemberId, 500_000m));
        decision.Approval.Should().BeOfType<WithdrawalApproved>();
        decision.Withdrawn!.Amount.Should().Be(200_000m);
        decision.Withdrawn.Meta.Channel.Should().Be(Channels.Transfer);
        decision.Response.Should().Be(new WithdrawalDecisionResponse(withdrawal.Id, "paid", decision.Withdrawn.TransactionId, 300_000m));
    }

    [Fact]
    public void an_approval_checks_the_balance_again_the_approver_and_the_members_url()
    {
        var withdrawal = Requested(200_000m);
        var spent = () => DecideWithdrawalEndpoint.DecideApproval(Pengurus, null, new ApproveWithdrawalRequest(null), withdrawal,
            Active(MemberId, 199_999m));
        spent.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientBalance);
        var maker = () => DecideWithdrawalEndpoint.DecideApproval(Kasir, null, new ApproveWithdrawalRequest(null), withdrawal,
            Active(MemberId, 500_000m));
        maker.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.SameMakerChecker);
        var otherMember = () => DecideWithdrawalEndpoint.DecideApproval(Pengurus, Guid.NewGuid(), new ApproveWithdrawalRequest(null), withdrawal,
            Active(MemberId, 500_000m));
        otherMember.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Fact]
    public void a_counter_withdrawal_is_only_approved_and_the_kasir_pays_it_later()
    {
        var withdrawal = Requested(200_000m, payAtCounter: true);
        var decision = DecideWithdrawalEndpoint.DecideApproval(Pengurus, MemberId, new ApproveWithdrawalRequest(null), withdrawal,
            Active(MemberId, 500_000m));
        decision.Approval.Should().BeOfType<WithdrawalApprovedForCounter>();
        decision.Withdrawn.Should().BeNull("no money moves on approval");
        decision.Response.Status.Should().Be("approved");
        var transfer = () => DecideWithdrawalEndpoint.DecideApproval(Pengurus, MemberId, new ApproveWithdrawalRequest("transfer"), withdrawal,
            Active(MemberId, 500_000m));
        transfer.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("channel");

        var approved = Withdrawal.Evolve(withdrawal, decision.Approval)!;
        var (paid, withdrawn, response) = PayWithdrawalEndpoint.Decide(As("kasir2", "kasir"), new PayWithdrawalRequest(), approved,
            Active(MemberId, 500_000m));
        paid.WithdrawalId.Should().Be(withdrawal.Id);
        withdrawn.Meta.Should().Be(new EventMeta("kasir2", Today, Now, Channels.Counter, "corr-1"));
        response.Balance.Should().Be(300_000m);
    }

    [Fact]
    public void a_payment_of_a_withdrawal_that_is_not_approved_or_not_found_is_refused()
    {
        var notApproved = () => PayWithdrawalEndpoint.Decide(Kasir, new PayWithdrawalRequest(), Requested(1_000m, payAtCounter: true),
            Active(MemberId, 500_000m));
        notApproved.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
        var missing = () => PayWithdrawalEndpoint.Decide(Kasir, new PayWithdrawalRequest(), null, null);
        missing.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
        var future = () => PayWithdrawalEndpoint.Decide(Kasir, new PayWithdrawalRequest(Today.PlusDays(1)), Requested(1_000m, true), null);
        future.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("businessDate");
    }

    [Fact]
    public void a_rejection_needs_a_reason_and_a_request_still_open()
    {
        var withdrawal = Requested(1_000m);
        var (rejected, response) = DecideWithdrawalEndpoint.DecideRejection(Pengurus, null, new RejectWithdrawalRequest(" saldo untuk angsuran "),
            withdrawal);
        rejected.Reason.Should().Be("saldo untuk angsuran");
        response.Should().Be(new WithdrawalDecisionResponse(withdrawal.Id, "rejected", null, null));
        var noReason = () => DecideWithdrawalEndpoint.DecideRejection(Pengurus, null, new RejectWithdrawalRequest(null), withdrawal);
        noReason.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("reason");
        var again = () => DecideWithdrawalEndpoint.DecideRejection(Pengurus, null, new RejectWithdrawalRequest("x"),
            Withdrawal.Evolve(withdrawal, rejected));
        again.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }
}
