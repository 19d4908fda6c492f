using Ekopz.Api.Savings.Reversing;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using Ekopz.Projections.Savings;
using NodaTime;
using static Ekopz.Tests.Unit.Writes.WriteScopes;

namespace Ekopz.Tests.Unit.Writes;

/// <summary>The deposit reversal endpoints' Decide functions: request and state in, events and the answer out (docs/adr/0031).</summary>
public class when_a_reversal_is_decided_on_the_write_path
{
    private static readonly Guid MemberId = Guid.NewGuid();
    private static readonly Guid DepositId = Guid.NewGuid();

    private static SavingsLine Deposit(decimal amount) => new()
    {
        TransactionId = DepositId, MemberId = MemberId, Kind = "sukarela", Type = "deposit", Amount = amount, Channel = Channels.Counter,
        BusinessDate = new LocalDate(2026, 10, 30),
    };

    private static Reversal Requested(decimal amount) =>
        Reversal.Evolve(null, ReverseDepositEndpoints.DecideRequest(Pengurus, new RequestReversalRequest("salah nominal"), null,
            Active(MemberId, amount), Deposit(amount)).Event)!;

    [Fact]
    public void a_request_names_the_deposit_as_its_statement_line_recorded_it()
    {
        var (requested, view) = ReverseDepositEndpoints.DecideRequest(Pengurus, new RequestReversalRequest(" salah nominal "), null,
            Active(MemberId, 300_000m), Deposit(300_000m));
        requested.ReversalId.Should().Be(Reversal.StreamId(DepositId), "one reversal per deposit: its stream id is derived from the deposit");
        requested.Deposit.Should().Be(new ReversedDeposit(DepositId, SavingsKind.Sukarela, 300_000m, CashPoints.Kas, new LocalDate(2026, 10, 30)));
        view.Status.Should().Be("requested");
        view.Reason.Should().Be("salah nominal");
        view.RequestedBy.Should().Be("pengurus1");
    }

    [Fact]
    public void a_second_request_for_the_same_deposit_or_an_unknown_deposit_is_refused()
    {
        var twice = () => ReverseDepositEndpoints.DecideRequest(Pengurus2, new RequestReversalRequest("lagi"), Requested(300_000m),
            Active(MemberId, 300_000m), Deposit(300_000m));
        twice.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.Conflict);
        var unknown = () => ReverseDepositEndpoints.DecideRequest(Pengurus, new RequestReversalRequest("x"), null, Active(MemberId, 1m), null);
        unknown.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Fact]
    public void an_approval_takes_the_amount_back_out_today_on_the_members_stream()
    {
        var (events, view) = ReverseDepositEndpoints.DecideApproval(Pengurus2, Requested(300_000m), Active(MemberId, 300_000m));
        var reversed = events.OfType<SavingsDepositReversed>().Single();
        reversed.Meta.BusinessDate.Should().Be(Today);
        events.Should().ContainSingle(e => e is SavingsReversalApproved);
        var after = events.Aggregate((Member?)Active(MemberId, 300_000m), (m, e) => Member.Evolve(m, e))!;
        after.Balances.Sukarela.Should().Be(0m);
        view.Status.Should().Be("approved");
        view.DecidedBy.Should().Be("pengurus2");
    }

    [Fact]
    public void an_approval_by_the_requester_or_on_a_spent_balance_is_refused()
    {
        var same = () => ReverseDepositEndpoints.DecideApproval(Pengurus, Requested(300_000m), Active(MemberId, 300_000m));
        same.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.SameMakerChecker);
        var spent = () => ReverseDepositEndpoints.DecideApproval(Pengurus2, Requested(300_000m), Active(MemberId, 299_999m));
        spent.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientBalance);
        var missing = () => ReverseDepositEndpoints.DecideApproval(Pengurus2, null, null);
        missing.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Fact]
    public void a_rejection_leaves_the_deposit_standing_and_is_given_once()
    {
        var reversal = Requested(300_000m);
        var (rejected, view) = ReverseDepositEndpoints.DecideRejection(Pengurus2, new DecideReversalRequest("nominal benar"), reversal);
        view.Status.Should().Be("rejected");
        var again = () => ReverseDepositEndpoints.DecideRejection(Pengurus2, new DecideReversalRequest("x"), Reversal.Evolve(reversal, rejected));
        again.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }
}
