using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Koperasi;

/// <summary>A koperasi was onboarded by the platform operator. Starts its settings stream.</summary>
public sealed record KoperasiOpened(
    string Slug,
    string Name,
    string TimeZone,
    decimal PokokAmount,
    decimal WajibMonthlyAmount,
    EventMeta Meta) : IDomainEvent;

/// <summary>
/// Settings changed from <paramref name="EffectiveFrom"/> on. Null fields are unchanged. Dated
/// settings never rewrite the past: a deposit dated before the change still reads the old values.
/// </summary>
public sealed record KoperasiSettingsChanged(
    LocalDate EffectiveFrom,
    decimal? PokokAmount,
    decimal? WajibMonthlyAmount,
    string? TimeZone,
    EventMeta Meta,
    decimal? SukarelaInterestRate = null,
    string? InterestBasis = null,
    decimal? InterestTaxThreshold = null,
    decimal? InterestTaxRate = null,
    string? JasaModalBasis = null) : IDomainEvent;
