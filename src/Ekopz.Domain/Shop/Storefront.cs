using Ekopz.Domain.Common;

namespace Ekopz.Domain.Shop;

/// <summary>
/// Who to deliver a storefront order to, as the buyer typed it (docs/adr/0023), and the hash of the secret that lets
/// the buyer follow the order without an account. Kept on the order (<see cref="OrderPlaced.Contact"/>) so the shop
/// manager can ship it; the token itself is never stored.
/// </summary>
public sealed record WebBuyer(string Name, string Phone, string? Note, string TokenHash);

/// <summary>The storefront's rules for what a shopper types at checkout (the tracking secret is a <see cref="SecretToken"/>).</summary>
public static class Storefront
{
    public const int MaxNameLength = 100;
    public const int MaxPhoneLength = 20;
    public const int MaxAddressLength = 500;
    public const int MaxNoteLength = 500;
    public const int MaxQuantity = 1_000;
    public const int MaxLines = 30;

    /// <summary>Checks the buyer's contact and the delivery address; throws 400 naming each field that is wrong.</summary>
    public static (string Name, string Phone, string ShipTo, string? Note) CheckBuyer(string? name, string? phone, string? shipTo, string? note)
    {
        var errors = new Dictionary<string, string[]>();
        var n = name?.Trim() ?? "";
        var p = phone?.Trim() ?? "";
        var a = shipTo?.Trim() ?? "";
        var t = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (n.Length < 2) errors["buyerName"] = ["The buyer's name is required (at least 2 characters)."];
        else if (n.Length > MaxNameLength) errors["buyerName"] = [$"At most {MaxNameLength} characters."];
        var digits = p.Count(char.IsAsciiDigit);
        if (p.Length == 0) errors["phone"] = ["The phone number is required."];
        else if (p.Length > MaxPhoneLength || digits < 8 || digits > 15 || p.Any(c => !(char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')')))
            errors["phone"] = ["A phone number has 8 to 15 digits (spaces, dashes and a leading + allowed)."];
        if (a.Length < 10) errors["shipTo"] = ["The delivery address is required (street, number, village, city)."];
        else if (a.Length > MaxAddressLength) errors["shipTo"] = [$"At most {MaxAddressLength} characters."];
        if (t is { Length: > MaxNoteLength }) errors["note"] = [$"At most {MaxNoteLength} characters."];
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The checkout is not complete.", errors);
        return (n, p, a, t);
    }

    /// <summary>Lines of a storefront cart: 1 … <see cref="MaxLines"/> lines, each quantity at most <see cref="MaxQuantity"/> (the product's unit rules apply after).</summary>
    public static void CheckLines(IReadOnlyList<(Guid? ProductId, decimal? Quantity)>? lines)
    {
        var errors = new Dictionary<string, string[]>();
        if (lines is null || lines.Count == 0) errors["lines"] = ["The cart is empty."];
        else if (lines.Count > MaxLines) errors["lines"] = [$"At most {MaxLines} different products per order."];
        else
            for (var i = 0; i < lines.Count; i++)
                if (lines[i].Quantity is > MaxQuantity) errors[$"lines[{i}].quantity"] = [$"At most {MaxQuantity} per product in one order."];
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The cart is not valid.", errors);
    }

    /// <summary>The order number a shopper reads: the first 8 hex digits of the order id, upper case.</summary>
    public static string NumberOf(Guid orderId) => orderId.ToString("N")[..8].ToUpperInvariant();
}
