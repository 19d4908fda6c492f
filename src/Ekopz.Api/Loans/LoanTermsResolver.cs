using Ekopz.Domain.Loans;
using Marten;
using NodaTime;

namespace Ekopz.Api.Loans;

/// <summary>
/// Loads the product a simulation or an application names and lets <see cref="LoanTermsResolution.Resolve"/> (Domain, pure)
/// decide the terms.
/// </summary>
public static class LoanTermsResolver
{
    public static async Task<ResolvedTerms> Resolve(IQuerySession session, Guid? productId, decimal? annualRate, string? method, string? frequency,
        decimal? roundingUnit, string? roundingMode, LocalDate date, CancellationToken ct)
    {
        var product = productId is { } id ? await session.LoadAsync<LoanProduct>(id, ct) : null;
        return LoanTermsResolution.Resolve(new RequestedTerms(productId, annualRate, method, frequency, roundingUnit, roundingMode), product, date);
    }
}
