using Ekopz.Domain.Common;
using Ekopz.Domain.Imports;
using Ekopz.Domain.Loans;
using NodaTime;

namespace Ekopz.Tests.Unit.Imports;

/// <summary>A loan running in the old books becomes an ordinary running loan at the cut-over (docs/adr/0035).</summary>
public class when_a_running_loan_moves_in
{
    private static readonly LocalDate CutOver = new(2025, 12, 31);
    private static readonly ImportSource Source = new("loans", "pinjaman.xlsx", new string('a', 64), 1);

    private static EventMeta Meta() => new("pengurus", CutOver, Instant.FromUtc(2026, 1, 5, 3, 0), Channels.Import, "corr");

    private static OpeningLoan Row(int dpd = 0, decimal principal = 6_000_000m, int periods = 6, LoanMethod method = LoanMethod.Anuitas,
        decimal? original = null) =>
        new(2, "3273014501850002", principal, original, 18m, method, periods, dpd, new LocalDate(2025, 3, 10));

    [Fact]
    public void a_loan_without_arrears_falls_due_on_the_disbursement_day_after_the_cut_over_and_repays_exactly_its_outstanding_principal()
    {
        var schedule = LoanOpenings.Schedule(Row(), CutOver);
        schedule.Should().HaveCount(6);
        schedule[0].DueDate.Should().Be(new LocalDate(2026, 1, 10));
        schedule[5].DueDate.Should().Be(new LocalDate(2026, 6, 10));
        schedule.Sum(i => i.Principal).Should().Be(6_000_000m);
        schedule[0].Interest.Should().Be(90_000m, "1.5% a month of the outstanding principal");
    }

    [Fact]
    public void days_past_due_put_the_oldest_unpaid_installment_that_many_days_before_the_cut_over()
    {
        var loan = Loan.Evolve(null, LoanOpenings.Open(Row(dpd: 95), Guid.NewGuid(), Guid.NewGuid(), "A-0001", Source, Guid.NewGuid(), CutOver, Meta()))!;
        loan.Status.Should().Be(LoanStatus.Active);
        loan.DisbursedOn.Should().Be(new LocalDate(2025, 3, 10));
        loan.Principal.Should().Be(6_000_000m);

        var position = LoanPositions.At(loan, CutOver);
        position.DaysPastDue.Should().Be(95);
        position.OutstandingPrincipal.Should().Be(6_000_000m);
        position.Installments.Count(i => i.DueDate <= CutOver).Should().Be(4, "95 days late on 31 December: due 27 Sep, 27 Oct, 27 Nov, 27 Dec");
        new LoanSettingsVersion(CutOver).Classify(position.DaysPastDue).Should().Be(Kolektibilitas.KurangLancar);
    }

    [Fact]
    public void flat_interest_is_on_the_original_principal_when_the_file_gives_it()
    {
        var schedule = LoanOpenings.Schedule(Row(method: LoanMethod.Flat, original: 12_000_000m), CutOver);
        schedule.Should().OnlyContain(i => i.Interest == 180_000m);
        schedule.Sum(i => i.Principal).Should().Be(6_000_000m);
    }

    [Fact]
    public void a_principal_too_small_for_its_installments_is_refused()
    {
        var act = () => LoanOpenings.Schedule(Row(principal: 3m, periods: 12), CutOver);
        act.Should().Throw<DomainException>();
    }
}
