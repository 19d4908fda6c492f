using Ekopz.Domain.Common;

namespace Ekopz.Domain.Shu;

public static class BucketKinds
{
    public const string Reserve = "reserve";
    public const string JasaUsaha = "jasa_usaha";
    public const string JasaModal = "jasa_modal";
    public const string Fund = "fund";
}

/// <summary>What a member's share of a pool is proportional to.</summary>
public static class ShuBases
{
    /// <summary>Interest the member paid on loans in the year (jasa usaha, USP).</summary>
    public const string LoanInterest = "loan_interest";
    /// <summary>The member's net purchases at the shop in the year (jasa usaha, toko).</summary>
    public const string Purchases = "purchases";
    /// <summary>Pokok + wajib (at year end, or the year's average: a koperasi setting) (jasa modal).</summary>
    public const string Capital = "capital";
}

/// <param name="AccountCode">Where a reserve or fund bucket is credited; defaults by kind and name (ADR 0012).</param>
public sealed record ShuBucket(string Name, decimal Percent, string Kind, string? Basis = null, string? AccountCode = null);

public static class ShuBucketRules
{
    /// <summary>Checks a set of buckets: named, kinds known, a basis for jasa usaha, percents summing to exactly 100.</summary>
    public static IReadOnlyList<ShuBucket> Validate(IReadOnlyList<ShuBucket>? buckets)
    {
        var errors = new Dictionary<string, string[]>();
        if (buckets is null || buckets.Count == 0)
            throw DomainException.Validation("buckets", "Name the buckets the SHU is shared into.");
        for (var i = 0; i < buckets.Count; i++)
        {
            var b = buckets[i];
            if (string.IsNullOrWhiteSpace(b.Name) || b.Name.Length > 100) errors[$"buckets[{i}].name"] = ["Each bucket has a name (at most 100 characters)."];
            if (b.Percent <= 0 || b.Percent > 100 || decimal.Round(b.Percent, 4) != b.Percent)
                errors[$"buckets[{i}].percent"] = ["A percent above 0 and at most 100, with at most 4 decimals."];
            switch (b.Kind)
            {
                case BucketKinds.JasaUsaha when b.Basis is not (ShuBases.LoanInterest or ShuBases.Purchases):
                    errors[$"buckets[{i}].basis"] = ["Jasa usaha is shared by 'loan_interest' or 'purchases'."];
                    break;
                case BucketKinds.JasaModal when b.Basis is not (null or ShuBases.Capital):
                    errors[$"buckets[{i}].basis"] = ["Jasa modal is shared by capital (pokok + wajib)."];
                    break;
                case BucketKinds.Reserve or BucketKinds.Fund when b.Basis is not null:
                    errors[$"buckets[{i}].basis"] = ["Reserves and funds are not shared among members; they take no basis."];
                    break;
                case BucketKinds.Reserve or BucketKinds.JasaUsaha or BucketKinds.JasaModal or BucketKinds.Fund:
                    break;
                default:
                    errors[$"buckets[{i}].kind"] = ["The kind is reserve, jasa_usaha, jasa_modal or fund."];
                    break;
            }
        }
        if (buckets.Select(b => b.Name?.Trim().ToLowerInvariant()).Distinct().Count() != buckets.Count)
            errors["buckets"] = ["Bucket names must be different."];
        var total = buckets.Sum(b => b.Percent);
        if (errors.Count == 0 && total != 100m)
            errors["buckets"] = [$"The buckets sum to {total}%; they must sum to exactly 100%."];
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The SHU buckets are not valid.", errors);
        return buckets.Select(b => b with { Name = b.Name.Trim(), Basis = b.Kind == BucketKinds.JasaModal ? ShuBases.Capital : b.Basis }).ToList();
    }
}
