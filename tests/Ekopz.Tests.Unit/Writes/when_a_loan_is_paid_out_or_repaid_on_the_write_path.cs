using Ekopz.Api.Loans.Disbursing;
using Ekopz.Api.Loans.Repaying;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using NodaTime;
using static Ekopz.Tests.Unit.Writes.WriteScopes;

namespace Ekopz.Tests.Unit.Writes;

/// <summary>The loan payout and payment endpoints' Decide functions: request and loan in, the event and the answer out (docs/adr/0031).</summary>
public class when_a_loan_is_paid_out_or_repaid_on_the_write_path
{
    private static readonly Guid LoanId = Guid.NewGuid();
    private static readonly Guid MemberId = Guid.NewGuid();
    private static readonly Member Borrower = WriteScopes.Active(MemberId, 0m);
    private static EventMeta Meta(LocalDate date, string actor) => new(actor, date, Instant.FromUtc(2026, 10, 1, 1, 0), Channels.Counter, "c");

    /// <summary>12,000,000 over 12 months at 18% flat: 1,000,000 principal and 180,000 interest a month.</summary>
    private static Loan Approved(LocalDate on)
    {
        var terms = LoanTerms.Plain(LoanMethod.Flat, 18m, LoanFrequency.Monthly);
        var applied = LoanDecider.Apply(new ApplyForLoan(LoanId, 12_000_000m, 12, "modal warung", false), Borrower, terms, null, null, Meta(on, "budi"));
        var approved = new LoanApproved(LoanId, MemberId, false, new LendingLimitCheck(100_000_000m, 15m, 15_000_000m, 0m, 12_000_000m), null,
            Meta(on, "pengurus1"));
        return new object[] { applied, approved }.Aggregate((Loan?)null, Loan.Evolve)!;
    }

    private static Loan Disbursed(LocalDate on)
    {
        var loan = Approved(on);
        return Loan.Evolve(loan, LoanDecider.Disburse(loan, Borrower, Guid.NewGuid(), CashPoints.Kas, Meta(on, "kasir1")))!;
    }

    [Fact]
    public void a_payout_fixes_the_schedule_from_today_and_answers_it()
    {
        var (disbursed, response) = DisburseLoanEndpoint.Decide(Kasir, LoanId, new DisburseLoanRequest(null, "transfer"), Approved(Today), Borrower);
        disbursed.Meta.Should().Be(new EventMeta("kasir1", Today, Now, Channels.Transfer, "corr-1"));
        response.Status.Should().Be("active");
        response.Principal.Should().Be(12_000_000m);
        response.Schedule.Should().HaveCount(12);
        response.Schedule[0].DueDate.Should().Be(Today.PlusMonths(1));
        response.Schedule.Sum(i => i.Principal).Should().Be(12_000_000m);
    }

    [Fact]
    public void a_loan_is_paid_out_once_and_never_into_a_closed_month()
    {
        var twice = () => DisburseLoanEndpoint.Decide(Kasir, LoanId, new DisburseLoanRequest(null, null), Disbursed(Today), Borrower);
        twice.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
        var closed = () => DisburseLoanEndpoint.Decide(Kasir, LoanId, new DisburseLoanRequest(new LocalDate(2026, 9, 15), null), Approved(Today), Borrower);
        closed.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.PeriodClosed);
        var missing = () => DisburseLoanEndpoint.Decide(Kasir, LoanId, new DisburseLoanRequest(null, null), null, null);
        missing.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Fact]
    public void a_payment_pays_interest_then_principal_of_the_installment_due()
    {
        var (payment, response) = PayLoanEndpoint.Decide(Kasir, LoanId, new LoanPaymentRequest(1_180_000m, null, null, null),
            Disbursed(new LocalDate(2026, 10, 2)));
        payment.Interest.Should().Be(180_000m);
        payment.Principal.Should().Be(1_000_000m);
        response.Installments.Select(i => i.Number).Should().Equal(1);
        response.OutstandingPrincipal.Should().Be(11_000_000m);
        response.BusinessDate.Should().Be(Today);
        response.PaidOff.Should().BeFalse();
    }

    [Fact]
    public void a_payment_of_more_than_is_owed_or_on_a_loan_not_paid_out_is_refused()
    {
        var tooMuch = () => PayLoanEndpoint.Decide(Kasir, LoanId, new LoanPaymentRequest(20_000_000m, null, null, null),
            Disbursed(new LocalDate(2026, 10, 2)));
        tooMuch.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
        var notActive = () => PayLoanEndpoint.Decide(Kasir, LoanId, new LoanPaymentRequest(1_000m, null, null, null), Approved(Today));
        notActive.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
        var badChannel = () => PayLoanEndpoint.Decide(Kasir, LoanId, new LoanPaymentRequest(1_000m, null, "cek", null), Disbursed(Today));
        badChannel.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("channel");
    }
}
