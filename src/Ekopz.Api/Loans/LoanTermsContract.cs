using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;

namespace Ekopz.Api.Loans;

/// <param name="Kind"><c>percent</c> (of the principal) or <c>fixed</c> (rupiah).</param>
public sealed record FeeContract(string? Kind, decimal? Value);

/// <summary>
/// Loan product terms as the API reads and writes them. On a change, fields left out keep their
/// current values.
/// </summary>
/// <param name="Method"><c>flat</c>, <c>efektif</c> or <c>anuitas</c>.</param>
/// <param name="AnnualRate">Percent a year, at most 24.</param>
/// <param name="Frequency"><c>monthly</c>, <c>weekly</c> or <c>daily</c>.</param>
/// <param name="FeeCollection"><c>netted</c> (taken from the payout) or <c>separate</c> (paid in cash at disbursement).</param>
/// <param name="PenaltyRatePerDay">Denda, percent of the overdue installment per day late (0.1).</param>
/// <param name="PenaltyGraceDays">Days after the due date without penalty.</param>
/// <param name="RoundingUnit">Installments are multiples of this (1, 100, 1000).</param>
/// <param name="RoundingMode"><c>nearest</c>, <c>up</c> or <c>down</c>.</param>
/// <param name="AllocationOrder">A payment's order, e.g. <c>["penalty","interest","principal"]</c>.</param>
public sealed record LoanTermsContract(
    string? Method,
    decimal? AnnualRate,
    string? Frequency,
    int? MinPeriods,
    int? MaxPeriods,
    decimal? MinPrincipal,
    decimal? MaxPrincipal,
    FeeContract? Provisi,
    FeeContract? Administrasi,
    string? FeeCollection,
    decimal? PenaltyRatePerDay,
    int? PenaltyGraceDays,
    decimal? RoundingUnit,
    string? RoundingMode,
    string[]? AllocationOrder)
{
    public static LoanTermsContract Of(LoanTerms t) => new(t.Method.Name(), t.AnnualRate, t.Frequency.Name(), t.MinPeriods, t.MaxPeriods,
        t.MinPrincipal, t.MaxPrincipal, new FeeContract(t.Provisi.Kind.Name(), t.Provisi.Value), new FeeContract(t.Administrasi.Kind.Name(), t.Administrasi.Value),
        t.FeeCollection.Name(), t.PenaltyRatePerDay, t.PenaltyGraceDays, t.RoundingUnit, t.RoundingMode.Name(),
        t.AllocationOrder.Select(p => p.Name()).ToArray());

    /// <summary>The terms this contract describes, on top of <paramref name="current"/> (null: a new product, where method and rate are required).</summary>
    public LoanTerms ToTerms(LoanTerms? current)
    {
        if (current is null && (Method is null || AnnualRate is null))
        {
            var errors = new Dictionary<string, string[]>();
            if (Method is null) errors["method"] = ["The method is required (flat, efektif or anuitas)."];
            if (AnnualRate is null) errors["annualRate"] = ["The annual rate is required (percent, at most 24)."];
            throw new DomainException(ErrorCodes.ValidationFailed, "The terms are incomplete.", errors);
        }
        var method = LoanNames.Parse<LoanMethod>(Method, "method", current?.Method);
        var frequency = LoanNames.Parse<LoanFrequency>(Frequency, "frequency", current?.Frequency ?? LoanFrequency.Monthly);
        var baseline = current ?? LoanTerms.Plain(method, AnnualRate!.Value, frequency);
        return baseline with
        {
            Method = method,
            AnnualRate = AnnualRate ?? baseline.AnnualRate,
            Frequency = frequency,
            MinPeriods = MinPeriods ?? baseline.MinPeriods,
            MaxPeriods = MaxPeriods ?? baseline.MaxPeriods,
            MinPrincipal = MinPrincipal ?? baseline.MinPrincipal,
            MaxPrincipal = MaxPrincipal ?? baseline.MaxPrincipal,
            Provisi = Fee(Provisi, baseline.Provisi, "provisi"),
            Administrasi = Fee(Administrasi, baseline.Administrasi, "administrasi"),
            FeeCollection = LoanNames.Parse<Domain.Loans.FeeCollection>(FeeCollection, "feeCollection", baseline.FeeCollection),
            PenaltyRatePerDay = PenaltyRatePerDay ?? baseline.PenaltyRatePerDay,
            PenaltyGraceDays = PenaltyGraceDays ?? baseline.PenaltyGraceDays,
            RoundingUnit = RoundingUnit ?? baseline.RoundingUnit,
            RoundingMode = LoanNames.Parse<Domain.Loans.RoundingMode>(RoundingMode, "roundingMode", baseline.RoundingMode),
            AllocationOrder = AllocationOrder is null ? baseline.AllocationOrder
                : AllocationOrder.Select(p => LoanNames.Parse<AllocationPart>(p, "allocationOrder")).ToList(),
        };
    }

    private static LoanFee Fee(FeeContract? fee, LoanFee current, string field) => fee is null
        ? current
        : new LoanFee(LoanNames.Parse<FeeKind>(fee.Kind, field + ".kind", current.Kind),
            fee.Value ?? throw DomainException.Validation(field + ".value", "The fee value is required."));
}
