using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Loans;

/// <summary>The terms a loan is given: from the product's version in force, or from the request (no product).</summary>
public sealed record ResolvedTerms(LoanTerms Terms, Guid? ProductId, string? ProductName);

/// <summary>What an application or a simulation asks for: a product, and/or terms named in the request.</summary>
public sealed record RequestedTerms(Guid? ProductId, decimal? AnnualRate, string? Method, string? Frequency, decimal? RoundingUnit,
    string? RoundingMode);

/// <summary>
/// The terms of an application or a simulation, decided without a database (the caller loads the product). With a product,
/// the product's version in force on the date supplies every term (rate, method, frequency, rounding, fees, penalty, tenor and
/// principal limits); a rate, method, frequency or rounding given alongside must agree with it, so nobody can borrow under a
/// product at terms it does not offer. Without a product, the request names rate and method (api.md) and the loan has no fees
/// and no penalty.
/// </summary>
public static class LoanTermsResolution
{
    /// <param name="product">The product named by <c>requested.ProductId</c>, null when there is none (or it was not found).</param>
    public static ResolvedTerms Resolve(RequestedTerms requested, LoanProduct? product, LocalDate date)
    {
        if (requested.ProductId is null)
        {
            var errors = new Dictionary<string, string[]>();
            if (requested.AnnualRate is null) errors["annualRate"] = ["The annual rate is required (percent a year, at most 24), or name a productId."];
            if (requested.Method is null) errors["method"] = ["The method is required (flat, efektif or anuitas), or name a productId."];
            if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The loan terms are incomplete.", errors);
            var terms = LoanTerms.Plain(LoanNames.Parse<LoanMethod>(requested.Method, "method"), requested.AnnualRate!.Value,
                LoanNames.Parse<LoanFrequency>(requested.Frequency, "frequency", LoanFrequency.Monthly), requested.RoundingUnit ?? 1m,
                LoanNames.Parse<RoundingMode>(requested.RoundingMode, "roundingMode", RoundingMode.Nearest));
            var termErrors = terms.Errors();
            if (termErrors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The loan terms are not valid.", termErrors);
            return new ResolvedTerms(terms, null, null);
        }

        if (product is null || product.Id != requested.ProductId) throw DomainException.NotFound("The loan product");
        var version = product.At(date);
        if (version is not { Active: true })
            throw DomainException.InvalidState($"The loan product is not offered on {date:yyyy-MM-dd}.");
        var t = version.Terms;
        var mismatch = new Dictionary<string, string[]>();
        if (requested.AnnualRate is { } rate && rate != t.AnnualRate) mismatch["annualRate"] = [$"{version.Name} lends at {t.AnnualRate}% a year."];
        if (requested.Method is { } method && LoanNames.Parse<LoanMethod>(method, "method") != t.Method)
            mismatch["method"] = [$"{version.Name} uses {t.Method.Name()}."];
        if (requested.Frequency is { } frequency && LoanNames.Parse<LoanFrequency>(frequency, "frequency") != t.Frequency)
            mismatch["frequency"] = [$"{version.Name} is repaid {t.Frequency.Name()}."];
        if (requested.RoundingUnit is { } unit && unit != t.RoundingUnit) mismatch["roundingUnit"] = [$"{version.Name} rounds to Rp{t.RoundingUnit:N0}."];
        if (requested.RoundingMode is { } mode && LoanNames.Parse<RoundingMode>(mode, "roundingMode") != t.RoundingMode)
            mismatch["roundingMode"] = [$"{version.Name} rounds {t.RoundingMode.Name()}."];
        if (mismatch.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The request disagrees with the product's terms.", mismatch);
        return new ResolvedTerms(t, product.Id, version.Name);
    }
}
