using NodaTime;

namespace Ekopz.Domain.Loans;

/// <summary>Outstanding principal of one kolektibilitas class and the allowance it requires.</summary>
public sealed record PortfolioClass(Kolektibilitas Kolektibilitas, int Loans, decimal Outstanding, decimal AllowancePercent, decimal RequiredAllowance);

/// <summary>A loan in the portfolio on a date.</summary>
public sealed record PortfolioLoan(Guid LoanId, Guid MemberId, string MemberNumber, decimal OutstandingPrincipal, int DaysPastDue, Kolektibilitas Kolektibilitas);

/// <param name="ProblemLoanRatio">Kurang lancar + diragukan + macet over all outstanding, in percent (2 decimals).</param>
/// <param name="RequiredAllowance">PPAPWD: the sum of each class's outstanding times its percent.</param>
public sealed record PortfolioFigures(
    LocalDate AsOf,
    IReadOnlyList<PortfolioLoan> Loans,
    IReadOnlyList<PortfolioClass> Classes,
    decimal Outstanding,
    decimal ProblemOutstanding,
    decimal ProblemLoanRatio,
    decimal RequiredAllowance);

/// <summary>The loan portfolio on any date, by loan quality (pure): every loan running on that date, read as of it.</summary>
public static class LoanPortfolio
{
    public static PortfolioFigures At(IEnumerable<Loan> loans, LoanSettingsVersion settings, LocalDate asOf)
    {
        var running = new List<PortfolioLoan>();
        foreach (var loan in loans)
        {
            if (loan.StatusOn(asOf) != LoanStatus.Active) continue;
            var p = LoanPositions.At(loan, asOf);
            running.Add(new PortfolioLoan(loan.Id, loan.MemberId, loan.MemberNumber, p.OutstandingPrincipal, p.DaysPastDue,
                settings.Classify(p.DaysPastDue)));
        }

        var classes = Enum.GetValues<Kolektibilitas>().Select(k =>
        {
            var of = running.Where(l => l.Kolektibilitas == k).ToList();
            var outstanding = of.Sum(l => l.OutstandingPrincipal);
            return new PortfolioClass(k, of.Count, outstanding, settings.AllowancePercent(k), settings.RequiredAllowance(k, outstanding));
        }).ToList();
        var total = classes.Sum(c => c.Outstanding);
        var problem = classes.Where(c => c.Kolektibilitas.IsProblem()).Sum(c => c.Outstanding);
        var ratio = total == 0 ? 0m : decimal.Round(problem * 100m / total, 2, MidpointRounding.AwayFromZero);
        return new PortfolioFigures(asOf, running, classes, total, problem, ratio, classes.Sum(c => c.RequiredAllowance));
    }
}
