namespace Ekopz.Domain.Loans;

/// <summary>How a payment was split, per installment, and whether it closed the loan.</summary>
public sealed record Allocation(IReadOnlyList<InstallmentAllocation> Lines, bool PaidOff, decimal InterestWaived)
{
    public decimal Penalty => Lines.Sum(l => l.Penalty);
    public decimal Interest => Lines.Sum(l => l.Interest);
    public decimal Principal => Lines.Sum(l => l.Principal);
}

/// <summary>
/// Splits a payment over a loan's position (pure). The rules, in order:
/// <list type="number">
/// <item>What is due comes first, part by part in the product's allocation order (default penalty →
/// interest → principal); within a part, the carried penalty, then the oldest installment first.</item>
/// <item>Anything left pays the next installments not yet due, in schedule order, each one's parts in
/// the allocation order (a member paying before the due date pays the installment, not just principal).</item>
/// <item>An early payoff pays what is due, the interest a restructuring carried into an installment not yet
/// due (earned, never waived), and all outstanding principal; other interest not yet due is waived.
/// Paying more than the payoff amount is refused by the decider, never absorbed.</item>
/// </list>
/// The loan closes when no principal remains and nothing due or carried is unpaid; any other unpaid
/// interest of installments not yet due is then waived.
/// </summary>
public static class PaymentAllocation
{
    public static Allocation Allocate(LoanPosition position, IReadOnlyList<AllocationPart> order, decimal amount, bool payoff)
    {
        var schedule = position.Schedule ?? throw new InvalidOperationException("The loan has no schedule.");
        var version = schedule.Version;
        var asOf = position.AsOf;
        var budget = amount;
        var paid = position.Installments.ToDictionary(i => i.Number, _ => (Penalty: 0m, Interest: 0m, Principal: 0m));
        var carried = 0m;

        decimal Take(decimal owed)
        {
            var take = Math.Min(budget, Math.Max(owed, 0m));
            budget -= take;
            return take;
        }

        var due = position.Installments.Where(i => i.DueDate <= asOf).ToList();
        var future = position.Installments.Where(i => i.DueDate > asOf).ToList();

        foreach (var part in order)
        {
            switch (part)
            {
                case AllocationPart.Penalty:
                    carried += Take(position.CarriedPenaltyUnpaid);
                    foreach (var i in position.Installments)
                        paid[i.Number] = paid[i.Number] with { Penalty = paid[i.Number].Penalty + Take(i.UnpaidPenalty) };
                    break;
                case AllocationPart.Interest:
                    foreach (var i in due)
                        paid[i.Number] = paid[i.Number] with { Interest = paid[i.Number].Interest + Take(i.UnpaidInterest) };
                    break;
                default:
                    foreach (var i in due)
                        paid[i.Number] = paid[i.Number] with { Principal = paid[i.Number].Principal + Take(i.UnpaidPrincipal) };
                    break;
            }
        }

        foreach (var i in future)
        {
            if (payoff)
            {
                paid[i.Number] = paid[i.Number] with
                {
                    Interest = paid[i.Number].Interest + Take(i.UnpaidCarriedInterest),
                    Principal = paid[i.Number].Principal + Take(i.UnpaidPrincipal),
                };
                continue;
            }
            foreach (var part in order)
            {
                if (part == AllocationPart.Interest)
                    paid[i.Number] = paid[i.Number] with { Interest = paid[i.Number].Interest + Take(i.UnpaidInterest) };
                else if (part == AllocationPart.Principal)
                    paid[i.Number] = paid[i.Number] with { Principal = paid[i.Number].Principal + Take(i.UnpaidPrincipal) };
            }
        }

        if (budget != 0)
            throw new InvalidOperationException($"Rp{budget:N2} of the payment could not be allocated; the decider must refuse overpayments first.");

        var lines = new List<InstallmentAllocation>();
        if (carried > 0) lines.Add(new InstallmentAllocation(version, 0, carried, 0m, 0m));
        foreach (var i in position.Installments)
        {
            var p = paid[i.Number];
            if (p.Penalty + p.Interest + p.Principal > 0)
                lines.Add(new InstallmentAllocation(version, i.Number, p.Penalty, p.Interest, p.Principal));
        }

        // Closed when no principal remains and nothing due (penalty, due interest) or carried (earned interest) is unpaid.
        var principalLeft = position.Installments.Sum(i => i.UnpaidPrincipal - paid[i.Number].Principal);
        var penaltyLeft = position.CarriedPenaltyUnpaid - carried + position.Installments.Sum(i => i.UnpaidPenalty - paid[i.Number].Penalty);
        var dueInterestLeft = due.Sum(i => i.UnpaidInterest - paid[i.Number].Interest);
        var carriedInterestLeft = future.Sum(i => Math.Max(0m, i.UnpaidCarriedInterest - paid[i.Number].Interest));
        var closed = principalLeft == 0 && penaltyLeft == 0 && dueInterestLeft == 0 && carriedInterestLeft == 0;
        var waived = closed ? future.Sum(i => i.UnpaidInterest - paid[i.Number].Interest) : 0m;
        return new Allocation(lines, closed, waived);
    }
}
