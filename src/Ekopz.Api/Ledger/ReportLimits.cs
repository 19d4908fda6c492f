using Ekopz.Api.Infrastructure;

namespace Ekopz.Api.Ledger;

/// <summary>
/// The largest page a line or entry listing returns (journal, general ledger, cash book, ledger lines).
/// Totals never depend on it: they are summed by PostgreSQL over the whole selection, and CSV exports
/// stream every row. Configurable (<c>EKOPZ_REPORT_MAX_PAGE_SIZE</c>, default 1,000) so tests can
/// lower it and prove that reports over more lines than one page still add up.
/// </summary>
public sealed record ReportLimits(int MaxPageSize)
{
    public const int DefaultMaxPageSize = 1000;
    public const int DefaultPageSize = 100;

    public static ReportLimits FromConfiguration(IConfiguration configuration) =>
        new(int.TryParse(configuration["EKOPZ_REPORT_MAX_PAGE_SIZE"], out var max) && max > 0 ? max : DefaultMaxPageSize);

    public (int Page, int PageSize) Paging(int? page, int? pageSize) =>
        QueryParams.Paging(page, pageSize, Math.Min(DefaultPageSize, MaxPageSize), MaxPageSize);
}
