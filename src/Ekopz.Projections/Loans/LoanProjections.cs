using Ekopz.Domain.Loans;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Ekopz.Projections.Loans;

/// <summary>
/// Inline snapshot of a loan: what commands fetch (with a row lock for payments) and what reads use.
/// It holds the loan's whole dated history, so a read "as of" any date needs no replay.
/// </summary>
public class LoanProjection : SingleStreamProjection<Loan, Guid>
{
    public LoanProjection() => FoldEvents.Declare<Loan>(this, Loan.Evolve);

    public override Loan? Evolve(Loan? snapshot, Guid id, IEvent e) => Loan.Evolve(snapshot, e.Data);
}

/// <summary>Inline snapshot of a loan product with every version of its terms.</summary>
public class LoanProductProjection : SingleStreamProjection<LoanProduct, Guid>
{
    public LoanProductProjection() => FoldEvents.Declare<LoanProduct>(this, LoanProduct.Evolve);

    public override LoanProduct? Evolve(LoanProduct? snapshot, Guid id, IEvent e) => LoanProduct.Evolve(snapshot, e.Data);
}

/// <summary>Inline snapshot of a koperasi's loan settings (absent until the first change: the defaults apply).</summary>
public class LoanSettingsProjection : SingleStreamProjection<LoanSettings, Guid>
{
    public LoanSettingsProjection() => FoldEvents.Declare<LoanSettings>(this, LoanSettings.Evolve);

    public override LoanSettings? Evolve(LoanSettings? snapshot, Guid id, IEvent e) => LoanSettings.Evolve(snapshot, e.Data);
}

/// <summary>Inline snapshot of the booked loan loss allowance (one stream per koperasi).</summary>
public class LoanAllowanceProjection : SingleStreamProjection<LoanAllowance, Guid>
{
    public LoanAllowanceProjection() => FoldEvents.Declare<LoanAllowance>(this, LoanAllowance.Evolve);

    public override LoanAllowance? Evolve(LoanAllowance? snapshot, Guid id, IEvent e) => LoanAllowance.Evolve(snapshot, e.Data);
}
