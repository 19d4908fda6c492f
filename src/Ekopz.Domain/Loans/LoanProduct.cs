using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Loans;

/// <summary>A loan product was defined (its first version).</summary>
public sealed record LoanProductDefined(Guid ProductId, string Name, LoanTerms Terms, LocalDate EffectiveFrom, EventMeta Meta) : IDomainEvent;

/// <summary>New terms (the whole set) from a date on; <paramref name="Active"/> false retires the product for new applications.</summary>
public sealed record LoanProductChanged(Guid ProductId, string Name, LoanTerms Terms, bool Active, LocalDate EffectiveFrom, EventMeta Meta) : IDomainEvent;

public sealed record ProductVersion(LocalDate EffectiveFrom, string Name, LoanTerms Terms, bool Active);

/// <summary>
/// A loan product with every version of its terms. Applications copy the version in force on their
/// date into the loan; nothing about a product change ever reaches an existing loan.
/// </summary>
public sealed record LoanProduct(Guid Id, IReadOnlyList<ProductVersion> Versions)
{
    /// <summary>Ordering key for lists: when the product was first recorded.</summary>
    public long CreatedTicks { get; init; }

    public ProductVersion? At(LocalDate date)
    {
        ProductVersion? found = null;
        foreach (var v in Versions)
            if (v.EffectiveFrom <= date && (found is null || v.EffectiveFrom >= found.EffectiveFrom))
                found = v;
        return found;
    }

    public ProductVersion Latest => Versions.OrderBy(v => v.EffectiveFrom).Last();

    public static LoanProduct? Evolve(LoanProduct? state, object @event) => @event switch
    {
        LoanProductDefined e => new LoanProduct(e.ProductId, [new ProductVersion(e.EffectiveFrom, e.Name, e.Terms, true)])
        {
            CreatedTicks = e.Meta.RecordedAt.Ticks(),
        },
        LoanProductChanged e when state is not null => state with
        {
            Versions = state.Versions.Where(v => v.EffectiveFrom != e.EffectiveFrom)
                .Append(new ProductVersion(e.EffectiveFrom, e.Name, e.Terms, e.Active)).OrderBy(v => v.EffectiveFrom).ToList(),
        },
        _ => state,
    };
}

public static class LoanProductDecider
{
    /// <summary>
    /// A new product. Its first version may be dated in the past (nothing can have used it yet), so
    /// loans entered after the fact can name it.
    /// </summary>
    public static LoanProductDefined Define(Guid productId, string? name, LoanTerms terms, LocalDate effectiveFrom, EventMeta meta)
    {
        var errors = terms.Errors();
        CheckName(name, errors);
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The loan product is not valid.", errors);
        return new LoanProductDefined(productId, name!.Trim(), terms, effectiveFrom, meta);
    }

    /// <summary>New terms take effect today or later; loans already applied for keep the terms they were given.</summary>
    public static LoanProductChanged Change(LoanProduct? product, string? name, LoanTerms terms, bool active, LocalDate effectiveFrom, LocalDate today,
        EventMeta meta)
    {
        if (product is null) throw DomainException.NotFound("The loan product");
        var errors = terms.Errors();
        CheckName(name, errors);
        if (effectiveFrom < today) errors["effectiveFrom"] = [$"A change cannot take effect before today ({today:yyyy-MM-dd})."];
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The loan product change is not valid.", errors);
        return new LoanProductChanged(product.Id, name!.Trim(), terms, active, effectiveFrom, meta);
    }

    private static void CheckName(string? name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200) errors["name"] = ["The name is required (at most 200 characters)."];
    }
}
