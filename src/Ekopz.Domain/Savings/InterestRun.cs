using Ekopz.Domain.Common;

namespace Ekopz.Domain.Savings;

/// <summary>One member's share of an interest run, as it was credited.</summary>
public sealed record InterestRunLine(Guid MemberId, string MemberNumber, decimal BalanceBasis, decimal Gross, decimal Tax);

/// <summary>
/// The monthly interest run for a koperasi: one stream per month (id derived from the month), so
/// running the same month twice finds it already done and changes nothing.
/// </summary>
public sealed record InterestRunCompleted(
    string Month,
    decimal AnnualRatePercent,
    string Basis,
    decimal TaxThreshold,
    decimal TaxRatePercent,
    IReadOnlyList<InterestRunLine> Lines,
    EventMeta Meta) : IDomainEvent;

public sealed record InterestRun(
    Guid Id,
    string Month,
    decimal AnnualRatePercent,
    string Basis,
    decimal TaxThreshold,
    decimal TaxRatePercent,
    IReadOnlyList<InterestRunLine> Lines,
    string RunBy,
    NodaTime.Instant RunAt)
{
    public static Guid StreamId(string month) => DeterministicGuid.Create("interest-run:" + month);

    public decimal TotalGross => Lines.Sum(l => l.Gross);
    public decimal TotalTax => Lines.Sum(l => l.Tax);

    public static InterestRun? Evolve(InterestRun? state, object @event) => @event switch
    {
        InterestRunCompleted e => new InterestRun(StreamId(e.Month), e.Month, e.AnnualRatePercent, e.Basis, e.TaxThreshold, e.TaxRatePercent,
            e.Lines, e.Meta.Actor, e.Meta.RecordedAt),
        _ => state,
    };
}
