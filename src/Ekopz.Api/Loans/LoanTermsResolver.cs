using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Marten;
using NodaTime;

namespace Ekopz.Api.Loans;

public sealed record ResolvedTerms(LoanTerms Terms, Guid? ProductId, string? ProductName);

/// <summary>
/// The terms of an application or a simulation. With a product, the product's version in force on the
/// date supplies every term (rate, method, frequency, rounding, fees, penalty, tenor and principal limits);
/// a rate, method, frequency or rounding given alongside must agree with it, so nobody can borrow under
/// a product at terms it does not offer. Without a product, the request names rate and method (api.md)
/// and the loan has no fees and no penalty.
/// </summary>
public static class LoanTermsResolver
{
    public static async Task<ResolvedTerms> Resolve(IQuerySession session, Guid? productId, decimal? annualRate, string? method, string? frequency,
        decimal? roundingUnit, string? roundingMode, LocalDate date, CancellationToken ct)
    {
        if (productId is null)
        {
            var errors = new Dictionary<string, string[]>();
            if (annualRate is null) errors["annualRate"] = ["The annual rate is required (percent a year, at most 24), or name a productId."];
            if (method is null) errors["method"] = ["The method is required (flat, efektif or anuitas), or name a productId."];
            if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The loan terms are incomplete.", errors);
            var terms = LoanTerms.Plain(LoanNames.Parse<LoanMethod>(method, "method"), annualRate!.Value,
                LoanNames.Parse<LoanFrequency>(frequency, "frequency", LoanFrequency.Monthly), roundingUnit ?? 1m,
                LoanNames.Parse<RoundingMode>(roundingMode, "roundingMode", RoundingMode.Nearest));
            var termErrors = terms.Errors();
            if (termErrors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The loan terms are not valid.", termErrors);
            return new ResolvedTerms(terms, null, null);
        }

        var product = await session.LoadAsync<LoanProduct>(productId.Value, ct) ?? throw DomainException.NotFound("The loan product");
        var version = product.At(date);
        if (version is not { Active: true })
            throw DomainException.InvalidState($"The loan product is not offered on {date:yyyy-MM-dd}.");
        var t = version.Terms;
        var mismatch = new Dictionary<string, string[]>();
        if (annualRate is { } rate && rate != t.AnnualRate) mismatch["annualRate"] = [$"{version.Name} lends at {t.AnnualRate}% a year."];
        if (method is not null && LoanNames.Parse<LoanMethod>(method, "method") != t.Method) mismatch["method"] = [$"{version.Name} uses {t.Method.Name()}."];
        if (frequency is not null && LoanNames.Parse<LoanFrequency>(frequency, "frequency") != t.Frequency)
            mismatch["frequency"] = [$"{version.Name} is repaid {t.Frequency.Name()}."];
        if (roundingUnit is { } unit && unit != t.RoundingUnit) mismatch["roundingUnit"] = [$"{version.Name} rounds to Rp{t.RoundingUnit:N0}."];
        if (roundingMode is not null && LoanNames.Parse<RoundingMode>(roundingMode, "roundingMode") != t.RoundingMode)
            mismatch["roundingMode"] = [$"{version.Name} rounds {t.RoundingMode.Name()}."];
        if (mismatch.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The request disagrees with the product's terms.", mismatch);
        return new ResolvedTerms(t, product.Id, version.Name);
    }
}
