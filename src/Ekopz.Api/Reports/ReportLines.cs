namespace Ekopz.Api.Reports;

/// <summary>A report line: an amount and where to drill down to the journal lines behind it.</summary>
public sealed record ReportLine(string AccountCode, string AccountName, decimal Amount, string DrillDown);

public sealed record ReportSection(string Name, IReadOnlyList<ReportLine> Lines, decimal Total);
