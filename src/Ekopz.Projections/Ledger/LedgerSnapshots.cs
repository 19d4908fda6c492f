using Ekopz.Domain.Ledger;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Ekopz.Projections.Ledger;

public class ChartProjection : SingleStreamProjection<Chart, Guid>
{
    public ChartProjection() => FoldEvents.Declare<Chart>(this, Chart.Evolve);

    public override Chart? Evolve(Chart? snapshot, Guid id, IEvent e) => Chart.Evolve(snapshot, e.Data) is { } next ? next with { Id = id } : null;
}

public class JournalVoucherProjection : SingleStreamProjection<JournalVoucher, Guid>
{
    public JournalVoucherProjection() => FoldEvents.Declare<JournalVoucher>(this, JournalVoucher.Evolve);

    public override JournalVoucher? Evolve(JournalVoucher? snapshot, Guid id, IEvent e) => JournalVoucher.Evolve(snapshot, e.Data);
}

public class AccountingPeriodProjection : SingleStreamProjection<AccountingPeriod, Guid>
{
    public AccountingPeriodProjection() => FoldEvents.Declare<AccountingPeriod>(this, AccountingPeriod.Evolve);

    public override AccountingPeriod? Evolve(AccountingPeriod? snapshot, Guid id, IEvent e) => AccountingPeriod.Evolve(snapshot, e.Data);
}

public class FiscalYearProjection : SingleStreamProjection<FiscalYear, Guid>
{
    public FiscalYearProjection() => FoldEvents.Declare<FiscalYear>(this, FiscalYear.Evolve);

    public override FiscalYear? Evolve(FiscalYear? snapshot, Guid id, IEvent e) => FiscalYear.Evolve(snapshot, e.Data);
}
