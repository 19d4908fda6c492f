using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Koperasi;

public sealed record OpenKoperasi(string Slug, string Name, string TimeZone, decimal? PokokAmount, decimal? WajibMonthlyAmount);

public sealed record ChangeSettings(LocalDate? EffectiveFrom, decimal? PokokAmount, decimal? WajibMonthlyAmount, string? TimeZone,
    decimal? SukarelaInterestRate = null, string? InterestBasis = null, decimal? InterestTaxThreshold = null, decimal? InterestTaxRate = null,
    string? JasaModalBasis = null);

/// <summary>Pure decisions about a koperasi's existence and settings.</summary>
public static class KoperasiDecider
{
    /// <summary>Defaults used when the operator does not name amounts (common small-KSP figures).</summary>
    public const decimal DefaultPokok = 100_000m;
    public const decimal DefaultWajibMonthly = 20_000m;

    public static KoperasiOpened Decide(OpenKoperasi command, EventMeta meta)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(command.Slug) || !System.Text.RegularExpressions.Regex.IsMatch(command.Slug, "^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$"))
            errors["slug"] = ["The slug must be 3-40 characters of lowercase letters, digits and dashes."];
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > 200)
            errors["name"] = ["The name is required (at most 200 characters)."];
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(command.TimeZone ?? "") is null)
            errors["timeZone"] = ["The time zone must be an IANA zone such as Asia/Jakarta."];
        CheckAmount(command.PokokAmount, "pokokAmount", errors);
        CheckAmount(command.WajibMonthlyAmount, "wajibMonthlyAmount", errors);
        if (errors.Count > 0)
            throw new DomainException(ErrorCodes.ValidationFailed, "The koperasi could not be created.", errors);

        return new KoperasiOpened(command.Slug, command.Name.Trim(), command.TimeZone!,
            command.PokokAmount ?? DefaultPokok, command.WajibMonthlyAmount ?? DefaultWajibMonthly, meta);
    }

    public static KoperasiSettingsChanged Decide(ChangeSettings command, KoperasiSettings state, LocalDate today, EventMeta meta)
    {
        var errors = new Dictionary<string, string[]>();
        CheckAmount(command.PokokAmount, "pokokAmount", errors);
        CheckAmount(command.WajibMonthlyAmount, "wajibMonthlyAmount", errors);
        if (command.TimeZone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(command.TimeZone) is null)
            errors["timeZone"] = ["The time zone must be an IANA zone such as Asia/Jakarta."];
        // Settings speak for the future only: what was decided under the old values stays as it was.
        if (command.EffectiveFrom is { } from && from < today)
            errors["effectiveFrom"] = [$"A change cannot take effect before today ({today:yyyy-MM-dd})."];
        if (command.SukarelaInterestRate is { } rate && (rate < 0 || rate > SettingsDefaults.MaxSukarelaInterestRate || decimal.Round(rate, 4) != rate))
            errors["sukarelaInterestRate"] = [$"The rate is a percent a year from 0 to {SettingsDefaults.MaxSukarelaInterestRate} (the legal cap)."];
        if (command.InterestBasis is not null && !InterestBases.IsValid(command.InterestBasis))
            errors["interestBasis"] = ["The basis is 'daily' (daily closing balance) or 'lowest' (lowest balance in the month)."];
        if (command.InterestTaxThreshold is { } threshold && (threshold < 0 || threshold > Money.Max || decimal.Round(threshold, 2) != threshold))
            errors["interestTaxThreshold"] = ["The threshold is an amount of at least 0 with at most 2 decimals."];
        if (command.InterestTaxRate is { } taxRate && (taxRate < 0 || taxRate > 100 || decimal.Round(taxRate, 4) != taxRate))
            errors["interestTaxRate"] = ["The tax rate is a percent from 0 to 100."];
        if (command.JasaModalBasis is not null && !JasaModalBases.IsValid(command.JasaModalBasis))
            errors["jasaModalBasis"] = ["Jasa modal is measured at 'year_end' or as the year's 'average' balance."];
        if (command is { PokokAmount: null, WajibMonthlyAmount: null, TimeZone: null, SukarelaInterestRate: null, InterestBasis: null,
                InterestTaxThreshold: null, InterestTaxRate: null, JasaModalBasis: null })
            errors["body"] = ["Nothing to change."];
        if (errors.Count > 0)
            throw new DomainException(ErrorCodes.ValidationFailed, "The settings could not be changed.", errors);
        return new KoperasiSettingsChanged(command.EffectiveFrom ?? today, command.PokokAmount, command.WajibMonthlyAmount, command.TimeZone, meta,
            command.SukarelaInterestRate, command.InterestBasis, command.InterestTaxThreshold, command.InterestTaxRate, command.JasaModalBasis);
    }

    private static void CheckAmount(decimal? amount, string field, Dictionary<string, string[]> errors)
    {
        if (amount is null) return;
        try { Money.RequirePositive(amount.Value, field); }
        catch (DomainException e) { errors[field] = [e.Message]; }
    }
}
