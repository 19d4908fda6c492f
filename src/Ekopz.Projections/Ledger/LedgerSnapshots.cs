using Ekopz.Domain.Ledger;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Ekopz.Projections.Ledger;

public class ChartProjection : SingleStreamProjection<Chart, Guid>
{
    public override Chart? Evolve(Chart? snapshot, Guid id, IEvent e) => Chart.Evolve(snapshot, e.Data) is { } next ? next with { Id = id } : null;
}

public class JournalVoucherProjection : SingleStreamProjection<JournalVoucher, Guid>
{
    public override JournalVoucher? Evolve(JournalVoucher? snapshot, Guid id, IEvent e) => JournalVoucher.Evolve(snapshot, e.Data);
}

public class AccountingPeriodProjection : SingleStreamProjection<AccountingPeriod, Guid>
{
    public override AccountingPeriod? Evolve(AccountingPeriod? snapshot, Guid id, IEvent e) => AccountingPeriod.Evolve(snapshot, e.Data);
}

public class FiscalYearProjection : SingleStreamProjection<FiscalYear, Guid>
{
    public override FiscalYear? Evolve(FiscalYear? snapshot, Guid id, IEvent e) => FiscalYear.Evolve(snapshot, e.Data);
}
