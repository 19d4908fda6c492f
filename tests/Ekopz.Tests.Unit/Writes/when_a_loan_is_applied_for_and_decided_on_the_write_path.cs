using Ekopz.Api.Auth;
using Ekopz.Api.Loans.Allowance;
using Ekopz.Api.Loans.Applying;
using Ekopz.Api.Loans.Approving;
using Ekopz.Api.Loans.Restructuring;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using NodaTime;
using static Ekopz.Tests.Unit.Writes.WriteScopes;

namespace Ekopz.Tests.Unit.Writes;

/// <summary>
/// The loan application, approval, rejection, restructuring and allowance endpoints' Decide functions, and the terms' resolution
/// (Domain): request and state in, the event and the answer out, no database (docs/adr/0038).
/// </summary>
public class when_a_loan_is_applied_for_and_decided_on_the_write_path
{
    private static readonly Guid MemberId = Guid.NewGuid();
    private static readonly Member Borrower = WriteScopes.Active(MemberId, 0m);
    private static readonly LendingLimitInputs Plenty = new(100_000_000m, 0m, LoanSettings.Defaults);
    private static EventMeta Meta(LocalDate date, string actor) => new(actor, date, Instant.FromUtc(2026, 10, 1, 1, 0), Channels.Web, "c");

    private static LoanApplicationRequest Plain(decimal principal = 12_000_000m) =>
        new(principal, 12, 18m, "flat", null, null, "modal warung", null, null);

    private static Loan Applied(string by = "pengurus1") =>
        Loan.Evolve(null, ApplyForLoanEndpoint.Decide(As(by, Roles.Pengurus), MemberId, Plain(), Borrower, null).Event)!;

    private static LoanProduct Product(Guid id, LocalDate from) =>
        LoanProduct.Evolve(null, LoanProductDecider.Define(id, "Pinjaman Umum", LoanTerms.Plain(LoanMethod.Anuitas, 12m, LoanFrequency.Monthly),
            from, Meta(from, "pengurus1")))!;

    [Fact]
    public void a_pengurus_applies_for_a_member_at_the_counter_and_the_member_from_the_app()
    {
        var (applied, response) = ApplyForLoanEndpoint.Decide(Pengurus, MemberId, Plain(), Borrower, null);
        applied.Meta.Should().Be(new EventMeta("pengurus1", Today, Now, Channels.Counter, "corr-1"));
        response.Should().Be(new LoanApplicationResponse(applied.LoanId, "applied", MemberId, null, 12_000_000m, 12, 18m, "flat", "monthly", Today));
        ApplyForLoanEndpoint.Decide(MemberApp(MemberId), MemberId, Plain(), Borrower, null).Event.Meta.Channel.Should().Be(Channels.Web);
    }

    [Fact]
    public void a_kasir_may_not_apply_and_a_missing_member_is_not_found()
    {
        var kasir = () => ApplyForLoanEndpoint.Decide(Kasir, MemberId, Plain(), Borrower, null);
        kasir.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.Forbidden);
        var missing = () => ApplyForLoanEndpoint.Decide(Pengurus, MemberId, Plain(), null, null);
        missing.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Fact]
    public void a_product_supplies_the_terms_and_a_request_that_disagrees_is_refused()
    {
        var id = Guid.NewGuid();
        var product = Product(id, new LocalDate(2026, 1, 1));
        var terms = LoanTermsResolution.Resolve(new RequestedTerms(id, null, null, null, null, null), product, Today);
        terms.Should().Be(new ResolvedTerms(product.At(Today)!.Terms, id, "Pinjaman Umum"));
        var (applied, _) = ApplyForLoanEndpoint.Decide(Pengurus, MemberId,
            new LoanApplicationRequest(6_000_000m, 6, null, null, null, id, null, null, null), Borrower, product);
        applied.Terms.Method.Should().Be(LoanMethod.Anuitas);
        applied.ProductId.Should().Be(id);

        var disagrees = () => LoanTermsResolution.Resolve(new RequestedTerms(id, 18m, "flat", null, null, null), product, Today);
        disagrees.Should().Throw<DomainException>().Which.Errors!.Keys.Should().BeEquivalentTo("annualRate", "method");
        var notYet = () => LoanTermsResolution.Resolve(new RequestedTerms(id, null, null, null, null, null), Product(id, Today.PlusDays(1)), Today);
        notYet.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
        var missing = () => LoanTermsResolution.Resolve(new RequestedTerms(id, null, null, null, null, null), null, Today);
        missing.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Fact]
    public void without_a_product_rate_and_method_are_required()
    {
        var incomplete = () => LoanTermsResolution.Resolve(new RequestedTerms(null, null, null, null, null, null), null, Today);
        incomplete.Should().Throw<DomainException>().Which.Errors!.Keys.Should().BeEquivalentTo("annualRate", "method");
        LoanTermsResolution.Resolve(new RequestedTerms(null, 12m, "efektif", "weekly", null, null), null, Today).Terms.Frequency
            .Should().Be(LoanFrequency.Weekly);
    }

    [Fact]
    public void a_second_pengurus_approves_within_the_limit_and_the_filer_may_not()
    {
        var (approved, response) = DecideLoanEndpoint.DecideApproval(Pengurus2, new ApproveLoanRequest(null, null, null), Applied(), Borrower, Plenty);
        approved.Limit.Limit.Should().Be(15_000_000m);
        response.Should().Be(new LoanDecisionResponse(approved.LoanId, "approved", Today, approved.Limit));
        var same = () => DecideLoanEndpoint.DecideApproval(Pengurus, new ApproveLoanRequest(null, null, null), Applied(), Borrower, Plenty);
        same.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.SameMakerChecker);
        var over = () => DecideLoanEndpoint.DecideApproval(Pengurus2, new ApproveLoanRequest(null, null, null), Applied(), Borrower,
            Plenty with { OtherExposure = 5_000_000m });
        over.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.LimitExceeded);
    }

    [Fact]
    public void a_rejection_closes_an_application_once()
    {
        var loan = Applied();
        var (rejected, response) = DecideLoanEndpoint.DecideRejection(Pengurus2, loan.Id, new RejectLoanRequest("agunan kurang", null), loan);
        response.Status.Should().Be("rejected");
        var twice = () => DecideLoanEndpoint.DecideRejection(Pengurus2, loan.Id, new RejectLoanRequest("lagi", null), Loan.Evolve(loan, rejected));
        twice.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void a_restructuring_names_a_known_method_and_needs_a_running_loan()
    {
        var badMethod = () => RestructureLoanEndpoint.Decide(Pengurus, Guid.NewGuid(), new RestructureLoanRequest(12, null, "bunga", "x", null), Applied());
        badMethod.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("method");
        var notRunning = () => RestructureLoanEndpoint.Decide(Pengurus, Guid.NewGuid(), new RestructureLoanRequest(12, null, null, "x", null), Applied());
        notRunning.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void an_allowance_booking_answers_the_balance_after_it()
    {
        var (booked, response) = BookAllowanceEndpoint.Decide(Pengurus, new BookAllowanceRequest(250_000m, null, null), null, null, []);
        booked.Amount.Should().Be(250_000m);
        response.Should().Be(new AllowanceResponse(booked.TransactionId, Today, 250_000m, 0m, 250_000m));
        booked.Meta.Should().Be(new EventMeta("pengurus1", Today, Now, Channels.Web, "corr-1"));
    }
}
