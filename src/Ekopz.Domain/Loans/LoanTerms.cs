using Ekopz.Domain.Common;

namespace Ekopz.Domain.Loans;

/// <summary>How interest is computed (domain rules, section 3).</summary>
public enum LoanMethod
{
    /// <summary>Bunga tetap: interest every period on the original principal.</summary>
    Flat,
    /// <summary>Efektif / menurun: equal principal parts, interest on the outstanding balance.</summary>
    Efektif,
    /// <summary>Anuitas: equal installments, interest on the outstanding balance.</summary>
    Anuitas,
}

/// <summary>How often installments fall due. Market cooperatives lend daily.</summary>
public enum LoanFrequency
{
    Monthly,
    Weekly,
    Daily,
}

public enum FeeKind
{
    /// <summary>A percent of the principal, rounded to the whole rupiah.</summary>
    Percent,
    /// <summary>A fixed amount in rupiah.</summary>
    Fixed,
}

/// <summary>How fees are collected at disbursement.</summary>
public enum FeeCollection
{
    /// <summary>Deducted from the cash paid out (the common case).</summary>
    Netted,
    /// <summary>The borrower pays them in cash at disbursement; the full principal is paid out.</summary>
    Separate,
}

/// <summary>How installments are rounded to the rounding unit.</summary>
public enum RoundingMode
{
    /// <summary>To the nearest unit, half away from zero.</summary>
    Nearest,
    Up,
    Down,
}

/// <summary>The parts a payment pays, in a configurable order (default penalty → interest → principal).</summary>
public enum AllocationPart
{
    Penalty,
    Interest,
    Principal,
}

/// <summary>A provisi or administrasi fee.</summary>
public sealed record LoanFee(FeeKind Kind, decimal Value)
{
    public static readonly LoanFee None = new(FeeKind.Fixed, 0m);

    /// <summary>The fee on a principal; percent fees are rounded to the whole rupiah, half away from zero.</summary>
    public decimal On(decimal principal) => Kind == FeeKind.Percent
        ? Money.RoundTo(principal * Value / 100m, 1m)
        : Value;
}

/// <summary>
/// The terms of a loan product, and of a loan: copied from the product when the loan is applied for,
/// so later product changes never alter an existing loan.
/// </summary>
/// <param name="AnnualRate">Nominal percent a year (at most <see cref="LoanLimits.MaxAnnualRate"/>).</param>
/// <param name="PenaltyRatePerDay">Denda: percent of the overdue amount (unpaid principal and interest of an installment) per day late.</param>
/// <param name="PenaltyGraceDays">Days after the due date on which no penalty is charged.</param>
/// <param name="RoundingUnit">Installments are rounded to a multiple of this (Rp1, Rp100, Rp1,000).</param>
/// <param name="AllocationOrder">A permutation of penalty, interest, principal.</param>
public sealed record LoanTerms(
    LoanMethod Method,
    decimal AnnualRate,
    LoanFrequency Frequency,
    int MinPeriods,
    int MaxPeriods,
    decimal? MinPrincipal,
    decimal? MaxPrincipal,
    LoanFee Provisi,
    LoanFee Administrasi,
    FeeCollection FeeCollection,
    decimal PenaltyRatePerDay,
    int PenaltyGraceDays,
    decimal RoundingUnit,
    RoundingMode RoundingMode,
    IReadOnlyList<AllocationPart> AllocationOrder)
{
    public static readonly IReadOnlyList<AllocationPart> DefaultOrder = [AllocationPart.Penalty, AllocationPart.Interest, AllocationPart.Principal];

    /// <summary>Terms of a loan applied for without a product: no fees, no penalty, any tenor up to the absolute maximum.</summary>
    public static LoanTerms Plain(LoanMethod method, decimal annualRate, LoanFrequency frequency, decimal roundingUnit = 1m,
        RoundingMode roundingMode = RoundingMode.Nearest) =>
        new(method, annualRate, frequency, 1, LoanLimits.MaxPeriods, null, null, LoanFee.None, LoanFee.None, FeeCollection.Netted, 0m, 0,
            roundingUnit, roundingMode, DefaultOrder);

    /// <summary>Every rule on the terms themselves, as field errors (empty when valid).</summary>
    public Dictionary<string, string[]> Errors()
    {
        var errors = new Dictionary<string, string[]>();
        if (!LoanLimits.IsValidRate(AnnualRate))
            errors["annualRate"] = [$"The rate is a percent a year from 0 to {LoanLimits.MaxAnnualRate} (the legal cap), with at most 4 decimals."];
        if (MinPeriods < 1 || MaxPeriods > LoanLimits.MaxPeriods || MinPeriods > MaxPeriods)
            errors["periods"] = [$"The tenor limits must satisfy 1 ≤ minPeriods ≤ maxPeriods ≤ {LoanLimits.MaxPeriods}."];
        if (MinPrincipal is { } min && !IsAmount(min)) errors["minPrincipal"] = ["A positive amount with at most 2 decimals."];
        if (MaxPrincipal is { } max && !IsAmount(max)) errors["maxPrincipal"] = ["A positive amount with at most 2 decimals."];
        if (MinPrincipal is { } a && MaxPrincipal is { } b && a > b) errors["maxPrincipal"] = ["The maximum principal is below the minimum."];
        CheckFee(Provisi, "provisi", errors);
        CheckFee(Administrasi, "administrasi", errors);
        if (PenaltyRatePerDay < 0 || PenaltyRatePerDay > 5 || decimal.Round(PenaltyRatePerDay, 4) != PenaltyRatePerDay)
            errors["penaltyRatePerDay"] = ["The penalty is a percent per day from 0 to 5, with at most 4 decimals."];
        if (PenaltyGraceDays < 0 || PenaltyGraceDays > 90) errors["penaltyGraceDays"] = ["Grace days are 0 to 90."];
        if (!LoanLimits.IsValidRoundingUnit(RoundingUnit))
            errors["roundingUnit"] = ["The rounding unit is a positive amount up to Rp100,000 with at most 2 decimals (1, 100, 1000 ...)."];
        if (AllocationOrder is null || AllocationOrder.Count != 3 || AllocationOrder.Distinct().Count() != 3)
            errors["allocationOrder"] = ["The allocation order names penalty, interest and principal, each once."];
        return errors;
    }

    private static bool IsAmount(decimal v) => v > 0 && v <= Money.Max && decimal.Round(v, 2) == v;

    private static void CheckFee(LoanFee? fee, string field, Dictionary<string, string[]> errors)
    {
        if (fee is null) { errors[field] = ["Give the fee (kind and value)."]; return; }
        var ok = fee.Kind == FeeKind.Percent
            ? fee.Value >= 0 && fee.Value <= 10 && decimal.Round(fee.Value, 4) == fee.Value
            : fee.Value >= 0 && fee.Value <= Money.Max && decimal.Round(fee.Value, 2) == fee.Value;
        if (!ok) errors[field] = [fee.Kind == FeeKind.Percent ? "A percent fee is 0 to 10 percent." : "A fixed fee is an amount of at least 0 with at most 2 decimals."];
    }
}

/// <summary>Caps that are law, and sanity bounds.</summary>
public static class LoanLimits
{
    /// <summary>Nominal annual rate cap for koperasi loans (domain rules, section 3).</summary>
    public const decimal MaxAnnualRate = 24m;

    /// <summary>The longest tenor in periods of any frequency (30 years monthly, about 11 years weekly, 600 days daily).</summary>
    public const int MaxPeriods = 600;

    public static bool IsValidRate(decimal rate) => rate >= 0 && rate <= MaxAnnualRate && decimal.Round(rate, 4) == rate;

    public static bool IsValidRoundingUnit(decimal unit) => unit > 0 && unit <= 100_000m && decimal.Round(unit, 2) == unit;
}

/// <summary>The API's names for the loan enums (lowercase, snake_case), both ways.</summary>
public static class LoanNames
{
    public static string Name(this LoanMethod m) => m switch
    {
        LoanMethod.Flat => "flat",
        LoanMethod.Efektif => "efektif",
        _ => "anuitas",
    };

    public static string Name(this LoanFrequency f) => f switch
    {
        LoanFrequency.Monthly => "monthly",
        LoanFrequency.Weekly => "weekly",
        _ => "daily",
    };

    public static string Name(this FeeKind k) => k == FeeKind.Percent ? "percent" : "fixed";
    public static string Name(this FeeCollection c) => c == FeeCollection.Netted ? "netted" : "separate";

    public static string Name(this RoundingMode m) => m switch
    {
        RoundingMode.Nearest => "nearest",
        RoundingMode.Up => "up",
        _ => "down",
    };

    public static string Name(this AllocationPart p) => p switch
    {
        AllocationPart.Penalty => "penalty",
        AllocationPart.Interest => "interest",
        _ => "principal",
    };

    public static T Parse<T>(string? text, string field, T? fallback = null) where T : struct, Enum
    {
        if (text is null)
            return fallback ?? throw DomainException.Validation(field, $"The {field} is required ({Choices<T>()}).");
        foreach (var value in Enum.GetValues<T>())
            if (string.Equals(NameOf(value), text, StringComparison.OrdinalIgnoreCase))
                return value;
        throw DomainException.Validation(field, $"The {field} must be one of: {Choices<T>()}.");
    }

    public static string NameOf<T>(T value) where T : struct, Enum => value switch
    {
        LoanMethod m => m.Name(),
        LoanFrequency f => f.Name(),
        FeeKind k => k.Name(),
        FeeCollection c => c.Name(),
        RoundingMode r => r.Name(),
        AllocationPart p => p.Name(),
        LoanStatus s => s.Name(),
        Kolektibilitas k => k.Name(),
        _ => value.ToString().ToLowerInvariant(),
    };

    private static string Choices<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(NameOf));
}
