using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Shop;

/// <summary>
/// What a business unit is (docs/adr/0011). <see cref="Own"/>: a shop of the koperasi itself; its
/// stock is the koperasi's inventory and its sales the koperasi's revenue. <see cref="Seller"/>: a
/// member-owned (or partner) business selling through Kopmart on consignment; the goods stay the
/// seller's, the koperasi collects the money, keeps a commission and owes the rest (saldo toko).
/// </summary>
public enum UnitKind
{
    Own,
    Seller,
}

public static class UnitKinds
{
    public static string Name(this UnitKind kind) => kind == UnitKind.Seller ? "seller" : "own";

    public static bool TryParse(string? text, out UnitKind kind)
    {
        kind = UnitKind.Own;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "own": return true;
            case "seller": kind = UnitKind.Seller; return true;
            default: return false;
        }
    }
}

public sealed record UnitOpened(Guid UnitId, string Name, UnitKind Kind, Guid? OwnerMemberId, EventMeta Meta) : IDomainEvent;

/// <summary>A pengelola toko login may now manage this unit (its catalogue, stock, orders, payouts).</summary>
public sealed record UnitManagerAssigned(Guid UnitId, string Username, EventMeta Meta) : IDomainEvent;

public sealed record UnitManagerRemoved(Guid UnitId, string Username, EventMeta Meta) : IDomainEvent;

/// <summary>
/// A seller's order reached the buyer: its goods money becomes the seller's available balance, less
/// the koperasi's commission. Posts the commission (the money itself was credited to saldo toko at payment).
/// </summary>
public sealed record SellerSaleSettled(Guid UnitId, Guid OrderId, decimal Goods, decimal CommissionPercent, decimal Commission,
    CounterpartyClass Seller, Guid? OwnerMemberId, EventMeta Meta) : IDomainEvent;

/// <summary>Goods of a settled order came back: the seller gives back the refund, the koperasi its commission on it.</summary>
public sealed record SellerSaleReversed(Guid UnitId, Guid OrderId, Guid ReturnId, decimal Goods, decimal Commission,
    CounterpartyClass Seller, Guid? OwnerMemberId, EventMeta Meta) : IDomainEvent;

public sealed record UnitPayoutRequested(Guid UnitId, Guid PayoutId, decimal Amount, string? Note, EventMeta Meta) : IDomainEvent;

/// <summary>A pengurus (not the requester) approved: the money leaves the koperasi. Meta.Actor is the approver.</summary>
public sealed record UnitPayoutApproved(Guid UnitId, Guid PayoutId, decimal Amount, string CashPoint, string RequestedBy,
    CounterpartyClass Seller, Guid? OwnerMemberId, EventMeta Meta) : IDomainEvent;

public sealed record UnitPayoutRejected(Guid UnitId, Guid PayoutId, string Reason, EventMeta Meta) : IDomainEvent;

public sealed record UnitPayout(Guid PayoutId, decimal Amount, string Status, string RequestedBy, LocalDate RequestedOn, Instant RequestedAt,
    string? Note, string? DecidedBy = null, Instant? DecidedAt = null, string? RejectionReason = null);

/// <summary>
/// A business unit (toko) with its managers and, for a seller, its balance: earned (delivered goods
/// money) less commission less paid out. Pending payout requests are held back from what is available,
/// so two requests can never promise the same rupiah twice.
/// </summary>
public sealed record ShopUnit(
    Guid Id,
    string Name,
    UnitKind Kind,
    Guid? OwnerMemberId,
    IReadOnlyList<string> Managers,
    decimal Earned,
    decimal Commission,
    decimal PaidOut,
    IReadOnlyList<UnitPayout> Payouts,
    LocalDate OpenedOn)
{
    /// <summary>The unit every koperasi starts with (created with the koperasi, or on first use for older ones).</summary>
    public static Guid MainId(string slug) => DeterministicGuid.Create("shop-unit:" + slug + ":main");

    public const string MainName = "Toko Koperasi";

    public decimal Requested => Payouts.Where(p => p.Status == PayoutStatuses.Requested).Sum(p => p.Amount);

    /// <summary>What the seller may still ask to be paid.</summary>
    public decimal Available => Earned - Commission - PaidOut - Requested;

    public CounterpartyClass SellerClass => OwnerMemberId is null ? CounterpartyClass.NonMember : CounterpartyClass.Member;

    public bool IsManagedBy(string username) => Managers.Contains(username, StringComparer.OrdinalIgnoreCase);

    public static ShopUnit? Evolve(ShopUnit? state, object @event) => @event switch
    {
        UnitOpened e => new ShopUnit(e.UnitId, e.Name, e.Kind, e.OwnerMemberId, [], 0m, 0m, 0m, [], e.Meta.BusinessDate),
        _ when state is null => null,
        UnitManagerAssigned e => state with { Managers = [.. state.Managers, e.Username] },
        UnitManagerRemoved e => state with { Managers = state.Managers.Where(m => !string.Equals(m, e.Username, StringComparison.OrdinalIgnoreCase)).ToList() },
        SellerSaleSettled e => state with { Earned = state.Earned + e.Goods, Commission = state.Commission + e.Commission },
        SellerSaleReversed e => state with { Earned = state.Earned - e.Goods, Commission = state.Commission - e.Commission },
        UnitPayoutRequested e => state with
        {
            Payouts = [.. state.Payouts, new UnitPayout(e.PayoutId, e.Amount, PayoutStatuses.Requested, e.Meta.Actor, e.Meta.BusinessDate, e.Meta.RecordedAt, e.Note)],
        },
        UnitPayoutApproved e => state with
        {
            PaidOut = state.PaidOut + e.Amount,
            Payouts = state.Payouts.Select(p => p.PayoutId == e.PayoutId
                ? p with { Status = PayoutStatuses.Paid, DecidedBy = e.Meta.Actor, DecidedAt = e.Meta.RecordedAt } : p).ToList(),
        },
        UnitPayoutRejected e => state with
        {
            Payouts = state.Payouts.Select(p => p.PayoutId == e.PayoutId
                ? p with { Status = PayoutStatuses.Rejected, DecidedBy = e.Meta.Actor, DecidedAt = e.Meta.RecordedAt, RejectionReason = e.Reason } : p).ToList(),
        },
        _ => state,
    };
}

public static class PayoutStatuses
{
    public const string Requested = "requested";
    public const string Paid = "paid";
    public const string Rejected = "rejected";
}

/// <summary>Pure decisions about units, their managers and sellers' balances.</summary>
public static class ShopUnitDecider
{
    public static UnitOpened Open(Guid unitId, string? name, UnitKind kind, Guid? ownerMemberId, EventMeta meta)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 100)
            throw DomainException.Validation("name", "The unit's name is required (at most 100 characters).");
        if (kind == UnitKind.Own && ownerMemberId is not null)
            throw DomainException.Validation("ownerMemberId", "Only a seller unit has an owner; the koperasi owns its own units.");
        return new UnitOpened(unitId, trimmed, kind, ownerMemberId, meta);
    }

    /// <summary>Assigning someone who already manages the unit decides nothing (a repeated request is harmless).</summary>
    public static UnitManagerAssigned? AssignManager(ShopUnit? unit, string username, EventMeta meta)
    {
        if (unit is null) throw DomainException.NotFound("The unit");
        return unit.IsManagedBy(username) ? null : new UnitManagerAssigned(unit.Id, username, meta);
    }

    public static UnitManagerRemoved RemoveManager(ShopUnit? unit, string username, EventMeta meta)
    {
        if (unit is null) throw DomainException.NotFound("The unit");
        if (!unit.IsManagedBy(username)) throw DomainException.NotFound($"A manager '{username}' of {unit.Name}");
        return new UnitManagerRemoved(unit.Id, username, meta);
    }

    /// <summary>The goods money of a delivered seller order joins the seller's balance, less the commission in force.</summary>
    public static SellerSaleSettled Settle(ShopUnit unit, Guid orderId, decimal goods, decimal commissionPercent, EventMeta meta)
    {
        if (unit.Kind != UnitKind.Seller) throw new InvalidOperationException("Only a seller unit has a balance to settle into.");
        var commission = Money.RoundCents(goods * commissionPercent / 100m);
        return new SellerSaleSettled(unit.Id, orderId, goods, commissionPercent, commission, unit.SellerClass, unit.OwnerMemberId, meta);
    }

    public static SellerSaleReversed Reverse(ShopUnit unit, Guid orderId, Guid returnId, decimal goods, decimal commission, EventMeta meta) =>
        new(unit.Id, orderId, returnId, goods, commission, unit.SellerClass, unit.OwnerMemberId, meta);

    public static UnitPayoutRequested RequestPayout(ShopUnit? unit, Guid payoutId, decimal amount, string? note, EventMeta meta)
    {
        if (unit is null) throw DomainException.NotFound("The unit");
        Money.RequirePositive(amount);
        if (note is { Length: > 500 }) throw DomainException.Validation("note", "The note may have at most 500 characters.");
        if (unit.Kind != UnitKind.Seller)
            throw DomainException.InvalidState(
                $"{unit.Name} is the koperasi's own unit: its sales are the koperasi's revenue, so it has no balance to pay out.");
        if (amount > unit.Available)
            throw new DomainException(ErrorCodes.InsufficientBalance,
                $"{unit.Name} has Rp{unit.Available:N2} available; Rp{amount:N2} cannot be paid out.");
        return new UnitPayoutRequested(unit.Id, payoutId, amount, note?.Trim(), meta);
    }

    /// <summary>
    /// Approval pays. The balance is checked again: a return since the request may have taken some of
    /// it back. The approver may not be the requester.
    /// </summary>
    public static UnitPayoutApproved ApprovePayout(ShopUnit? unit, Guid payoutId, string cashPoint, EventMeta meta)
    {
        if (unit is null) throw DomainException.NotFound("The unit");
        var payout = unit.Payouts.FirstOrDefault(p => p.PayoutId == payoutId) ?? throw DomainException.NotFound("The payout");
        if (payout.Status != PayoutStatuses.Requested) throw DomainException.InvalidState($"The payout is already {payout.Status}.");
        if (string.Equals(payout.RequestedBy, meta.Actor, StringComparison.OrdinalIgnoreCase))
            throw new DomainException(ErrorCodes.SameMakerChecker, "The person who requested a payout cannot approve it.");
        if (meta.BusinessDate < payout.RequestedOn)
            throw DomainException.Validation("businessDate", $"The payout cannot be dated before the request ({payout.RequestedOn:yyyy-MM-dd}).");
        // Available already holds this request back: it is negative when what is left no longer covers it.
        if (unit.Available < 0)
            throw new DomainException(ErrorCodes.InsufficientBalance,
                $"{unit.Name} has Rp{unit.Available + payout.Amount:N2} available now; Rp{payout.Amount:N2} cannot be paid.");
        return new UnitPayoutApproved(unit.Id, payoutId, payout.Amount, cashPoint, payout.RequestedBy, unit.SellerClass, unit.OwnerMemberId, meta);
    }

    public static UnitPayoutRejected RejectPayout(ShopUnit? unit, Guid payoutId, string? reason, EventMeta meta)
    {
        if (unit is null) throw DomainException.NotFound("The unit");
        var payout = unit.Payouts.FirstOrDefault(p => p.PayoutId == payoutId) ?? throw DomainException.NotFound("The payout");
        if (payout.Status != PayoutStatuses.Requested) throw DomainException.InvalidState($"The payout is already {payout.Status}.");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500) throw DomainException.Validation("reason", "Give the reason (at most 500 characters).");
        return new UnitPayoutRejected(unit.Id, payoutId, reason.Trim(), meta);
    }
}
