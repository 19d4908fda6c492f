using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Members;
using NodaTime;

namespace Ekopz.Domain.Loans;

/// <param name="Principal">Required; within the product's limits when a product is named.</param>
/// <param name="Periods">Required; within the product's tenor limits (or 1..600 without a product).</param>
public sealed record ApplyForLoan(Guid LoanId, decimal? Principal, int? Periods, string? Purpose, bool Insider);

/// <summary>
/// Pure decisions over a loan's life: apply → approve (or reject) → disburse → pay → paid off, with
/// restructuring, write-off, recovery and settlement at exit. Each returns the event(s) or throws a
/// <see cref="DomainException"/>; nothing here reads a clock or a database.
/// </summary>
public static class LoanDecider
{
    public static LoanApplied Apply(ApplyForLoan command, Member? member, LoanTerms terms, Guid? productId, string? productName, EventMeta meta)
    {
        if (member is null) throw DomainException.NotFound("The member");
        if (command.Principal is null) throw DomainException.Validation("principal", "The principal is required.");
        if (command.Periods is null) throw DomainException.Validation("periods", "The number of periods is required.");
        var principal = command.Principal.Value;
        var periods = command.Periods.Value;
        LoanSchedule.Validate(principal, periods, terms.AnnualRate, terms.RoundingUnit);

        var errors = new Dictionary<string, string[]>();
        if (periods < terms.MinPeriods || periods > terms.MaxPeriods)
            errors["periods"] = [$"The tenor is {terms.MinPeriods} to {terms.MaxPeriods} periods for this product."];
        if (terms.MinPrincipal is { } min && principal < min) errors["principal"] = [$"The principal is at least Rp{min:N0} for this product."];
        if (terms.MaxPrincipal is { } max && principal > max) errors["principal"] = [$"The principal is at most Rp{max:N0} for this product."];
        if (command.Purpose is { Length: > 500 }) errors["purpose"] = ["At most 500 characters."];
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The application is not valid.", errors);

        if (member.HasLeft)
            throw DomainException.InvalidState($"Member {member.MemberNumber} has left the koperasi and cannot borrow.");
        if (member.Status != MemberStatus.Active || member.ActivatedOn is not { } activated || meta.BusinessDate < activated)
            throw DomainException.InvalidState($"Member {member.MemberNumber} is not an active member on {meta.BusinessDate:yyyy-MM-dd}; only active members borrow.");

        // A schedule that cannot exist (a rounding unit too coarse for the loan) is refused now, not at disbursement.
        LoanSchedule.Compute(principal, periods, terms, meta.BusinessDate);
        var fees = terms.Provisi.On(principal) + terms.Administrasi.On(principal);
        if (terms.FeeCollection == FeeCollection.Netted && fees >= principal)
            throw DomainException.Validation("principal", $"The fees (Rp{fees:N0}) would take the whole payout.");

        return new LoanApplied(command.LoanId, member.Id, member.MemberNumber, productId, productName, principal, periods, terms,
            string.IsNullOrWhiteSpace(command.Purpose) ? null : command.Purpose.Trim(), command.Insider, meta);
    }

    /// <summary>
    /// Approval by a pengurus who did not file the application, within the lending limit: the borrower's
    /// total exposure (their other open loans plus this one) may not exceed the limit share of own capital.
    /// </summary>
    public static LoanApproved Approve(Loan? loan, Member? member, bool insider, decimal ownCapital, decimal otherExposure, LoanSettingsVersion settings,
        string? note, EventMeta meta)
    {
        if (loan is null) throw DomainException.NotFound("The loan");
        if (loan.Status != LoanStatus.Applied) throw DomainException.InvalidState($"The loan is {loan.Status.Name()}; only an application can be approved.");
        if (string.Equals(loan.AppliedBy, meta.Actor, StringComparison.OrdinalIgnoreCase))
            throw new DomainException(ErrorCodes.SameMakerChecker, "The person who filed a loan application cannot approve it.");
        if (meta.BusinessDate < loan.AppliedOn)
            throw DomainException.Validation("businessDate", $"The approval cannot be dated before the application ({loan.AppliedOn:yyyy-MM-dd}).");
        if (note is { Length: > 500 }) throw DomainException.Validation("note", "At most 500 characters.");
        if (member is null) throw DomainException.NotFound("The member");
        if (member.HasLeft) throw DomainException.InvalidState($"Member {member.MemberNumber} has left the koperasi.");

        var isInsider = insider || loan.Insider;
        var check = LendingLimit(loan, isInsider, ownCapital, otherExposure, settings);
        if (!check.IsWithin())
            throw new DomainException(ErrorCodes.LimitExceeded,
                $"The borrower's exposure would be Rp{check.Exposure:N2} (Rp{otherExposure:N2} already lent plus Rp{loan.Principal:N2}); the limit is "
                + $"{check.LimitPercent}% of own capital Rp{ownCapital:N2} = Rp{check.Limit:N2}{(isInsider ? " (pengurus, pengawas or affiliate)" : "")}.");
        return new LoanApproved(loan.Id, loan.MemberId, isInsider, check, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), meta);
    }

    /// <summary>
    /// The lending-limit check of <see cref="Approve"/>, on its own so a pengurus or pengawas can see it before anyone
    /// approves (GET .../loans/{loanId}/lending-limit): the limit share of own capital (the insider share when the
    /// borrower is an insider, by the application or by <paramref name="insider"/>) against the borrower's other
    /// exposure plus this loan's principal. It refuses nothing; <see cref="LendingLimitCheck.IsWithin"/> says whether it passes.
    /// </summary>
    public static LendingLimitCheck LendingLimit(Loan loan, bool insider, decimal ownCapital, decimal otherExposure, LoanSettingsVersion settings)
    {
        var percent = settings.LimitPercent(insider || loan.Insider);
        var limit = Money.RoundCents(Math.Max(ownCapital, 0m) * percent / 100m);
        return new LendingLimitCheck(ownCapital, percent, limit, otherExposure, otherExposure + loan.Principal);
    }

    /// <summary>An application, or an approved loan not yet paid out, is refused with a reason.</summary>
    public static LoanRejected Reject(Loan? loan, string? reason, EventMeta meta)
    {
        if (loan is null) throw DomainException.NotFound("The loan");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500) throw DomainException.Validation("reason", "Give the reason (at most 500 characters).");
        if (loan.Status is not (LoanStatus.Applied or LoanStatus.Approved))
            throw DomainException.InvalidState($"The loan is {loan.Status.Name()}; only an application or an approved loan not yet disbursed can be rejected.");
        RequireInOrder(loan, meta.BusinessDate);
        return new LoanRejected(loan.Id, loan.MemberId, reason.Trim(), meta);
    }

    /// <summary>Pays out an approved loan: the schedule is computed now, from the disbursement date, and recorded.</summary>
    public static LoanDisbursed Disburse(Loan? loan, Member? member, Guid transactionId, string cashPoint, EventMeta meta)
    {
        if (loan is null) throw DomainException.NotFound("The loan");
        if (loan.Status != LoanStatus.Approved)
            throw DomainException.InvalidState($"The loan is {loan.Status.Name()}; only an approved loan is disbursed.");
        if (meta.BusinessDate < loan.ApprovedOn)
            throw DomainException.Validation("businessDate", $"The disbursement cannot be dated before the approval ({loan.ApprovedOn:yyyy-MM-dd}).");
        if (member is null) throw DomainException.NotFound("The member");
        if (member.HasLeft) throw DomainException.InvalidState($"Member {member.MemberNumber} has left the koperasi.");

        var rows = LoanSchedule.Compute(loan.Principal, loan.Periods, loan.Terms, meta.BusinessDate);
        return new LoanDisbursed(loan.Id, loan.MemberId, transactionId, loan.Principal, loan.Terms.Provisi.On(loan.Principal),
            loan.Terms.Administrasi.On(loan.Principal), loan.Terms.FeeCollection,
            rows.Select(r => new ScheduledInstallment(r.Number, r.DueDate, r.Principal, r.Interest)).ToList(),
            CounterpartyClass.Member, cashPoint, meta);
    }

    /// <summary>
    /// A payment on a running loan, allocated by <see cref="PaymentAllocation"/>. <paramref name="payoff"/>
    /// asks to close the loan: the amount (if given) must then be the payoff amount. More than the payoff
    /// amount is refused; exactly the payoff amount closes the loan.
    /// </summary>
    public static LoanPaymentReceived Pay(Loan? loan, decimal? amount, bool payoff, Guid transactionId, string cashPoint, EventMeta meta)
    {
        if (loan is null) throw DomainException.NotFound("The loan");
        if (loan.Status != LoanStatus.Active)
            throw DomainException.InvalidState($"The loan is {loan.Status.Name()}; payments are taken only on an active loan.");
        RequireInOrder(loan, meta.BusinessDate);
        var position = LoanPositions.At(loan, meta.BusinessDate);
        var pay = amount ?? (payoff ? position.PayoffAmount : throw DomainException.Validation("amount", "The amount is required."));
        Money.RequirePositive(pay);
        if (payoff && pay != position.PayoffAmount)
            throw DomainException.Validation("amount", $"The payoff amount on {meta.BusinessDate:yyyy-MM-dd} is Rp{position.PayoffAmount:N2}, not Rp{pay:N2}.");
        if (pay > position.PayoffAmount)
            throw DomainException.Validation("amount",
                $"Rp{pay:N2} is more than the payoff amount Rp{position.PayoffAmount:N2} on {meta.BusinessDate:yyyy-MM-dd} "
                + "(all due amounts and outstanding principal; interest not yet due is waived). Pay at most that: paying it closes the loan.");

        var allocation = PaymentAllocation.Allocate(position, loan.Terms.AllocationOrder, pay, payoff || pay == position.PayoffAmount);
        return new LoanPaymentReceived(loan.Id, loan.MemberId, transactionId, pay, allocation.Penalty, allocation.Interest, allocation.Principal,
            allocation.Lines, allocation.PaidOff, allocation.InterestWaived, CounterpartyClass.Member, cashPoint, meta);
    }

    /// <summary>
    /// A new schedule for the outstanding principal from the restructuring date. Interest due and unpaid
    /// moves into the first new installment and is recorded as <see cref="LoanRestructured.CarriedInterest"/>:
    /// it is collected with that installment, but owed at once by a payoff or an exit. Unpaid penalty is
    /// carried as an amount paid first.
    /// </summary>
    public static LoanRestructured Restructure(Loan? loan, int? periods, decimal? annualRate, LoanMethod? method, string? reason, EventMeta meta)
    {
        if (loan is null) throw DomainException.NotFound("The loan");
        if (periods is null) throw DomainException.Validation("periods", "The new number of periods is required.");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500) throw DomainException.Validation("reason", "Give the reason (at most 500 characters).");
        if (loan.Status != LoanStatus.Active)
            throw DomainException.InvalidState($"The loan is {loan.Status.Name()}; only an active loan can be restructured.");
        RequireInOrder(loan, meta.BusinessDate);
        var position = LoanPositions.At(loan, meta.BusinessDate);
        var current = position.Schedule!;
        var rate = annualRate ?? current.AnnualRate;
        var newMethod = method ?? current.Method;

        // Earned interest: due and unpaid, plus what an earlier restructuring carried and is still unpaid (carried again, never lost).
        var carriedInterest = position.InterestEarnedUnpaid;
        var carriedPenalty = position.CarriedPenaltyUnpaid + position.Installments.Sum(i => i.UnpaidPenalty);
        var rows = LoanSchedule.Compute(position.OutstandingPrincipal, periods.Value, rate, newMethod, loan.Terms.Frequency, meta.BusinessDate,
            loan.Terms.RoundingUnit, loan.Terms.RoundingMode);
        var schedule = rows.Select(r => new ScheduledInstallment(r.Number, r.DueDate, r.Principal, r.Interest + (r.Number == 1 ? carriedInterest : 0m)))
            .ToList();
        return new LoanRestructured(loan.Id, loan.MemberId, current.Version + 1, position.OutstandingPrincipal, periods.Value, rate, newMethod,
            carriedInterest, carriedPenalty, schedule, reason.Trim(), meta);
    }

    /// <summary>
    /// A macet loan (by the settings in force on the date) is written off against the allowance, which
    /// must cover the outstanding principal. The member still owes it; later payments are recoveries.
    /// </summary>
    public static (LoanWrittenOff WrittenOff, LoanAllowanceUsed Used) WriteOff(Loan? loan, LoanSettingsVersion settings, LoanAllowance? allowance,
        string? reason, Guid transactionId, EventMeta meta)
    {
        if (loan is null) throw DomainException.NotFound("The loan");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500) throw DomainException.Validation("reason", "Give the reason (at most 500 characters).");
        if (loan.Status != LoanStatus.Active)
            throw DomainException.InvalidState($"The loan is {loan.Status.Name()}; only an active loan can be written off.");
        RequireInOrder(loan, meta.BusinessDate);
        var position = LoanPositions.At(loan, meta.BusinessDate);
        var quality = settings.Classify(position.DaysPastDue);
        if (quality != Kolektibilitas.Macet)
            throw DomainException.InvalidState(
                $"The loan is {quality.Name()} ({position.DaysPastDue} days past due) on {meta.BusinessDate:yyyy-MM-dd}; only a macet loan is written off.");
        var balance = allowance?.Balance ?? 0m;
        if (balance < position.OutstandingPrincipal)
            throw new DomainException(ErrorCodes.InsufficientBalance,
                $"The loan loss allowance is Rp{balance:N2}; writing off Rp{position.OutstandingPrincipal:N2} needs at least that. Book the allowance first.");
        return (new LoanWrittenOff(loan.Id, loan.MemberId, transactionId, position.OutstandingPrincipal, position.DaysPastDue, reason.Trim(),
                CounterpartyClass.Member, meta),
            new LoanAllowanceUsed(loan.Id, transactionId, position.OutstandingPrincipal, meta));
    }

    /// <summary>Money on a written-off loan, up to what was written off.</summary>
    public static LoanRecoveryReceived Recover(Loan? loan, decimal? amount, Guid transactionId, string cashPoint, EventMeta meta)
    {
        if (loan is null) throw DomainException.NotFound("The loan");
        if (amount is null) throw DomainException.Validation("amount", "The amount is required.");
        Money.RequirePositive(amount.Value);
        if (loan.Status != LoanStatus.WrittenOff)
            throw DomainException.InvalidState($"The loan is {loan.Status.Name()}; recoveries are taken only on a written-off loan (pay an active loan instead).");
        RequireInOrder(loan, meta.BusinessDate);
        var left = loan.WrittenOffPrincipal - loan.TotalRecovered;
        if (amount.Value > left)
            throw DomainException.Validation("amount", $"Only Rp{left:N2} of the written-off principal remains to be recovered.");
        return new LoanRecoveryReceived(loan.Id, loan.MemberId, transactionId, amount.Value, CounterpartyClass.Member, cashPoint, meta);
    }

    /// <summary>
    /// What a leaving member owes on this loan, as refund offsets by account role: outstanding principal
    /// (loan receivable), earned interest (interest due and unpaid, and interest a restructuring carried:
    /// interest income), penalty (penalty income). Interest not yet due is waived, as at any early payoff;
    /// carried interest is not. Loans not yet disbursed owe nothing.
    /// </summary>
    public static IReadOnlyList<RefundOffset> ExitOffsets(Loan loan, LocalDate date)
    {
        if (loan.Status != LoanStatus.Active) return [];
        RequireInOrder(loan, date);
        var p = LoanPositions.At(loan, date);
        var penalty = p.CarriedPenaltyUnpaid + p.Installments.Sum(i => i.UnpaidPenalty);
        var interest = p.InterestEarnedUnpaid;
        var offsets = new List<RefundOffset>();
        if (p.OutstandingPrincipal > 0) offsets.Add(new RefundOffset(AccountRoles.LoanReceivable, loan.Id, p.OutstandingPrincipal));
        if (interest > 0) offsets.Add(new RefundOffset(AccountRoles.LoanInterestIncome, loan.Id, interest));
        if (penalty > 0) offsets.Add(new RefundOffset(AccountRoles.LoanPenaltyIncome, loan.Id, penalty));
        return offsets;
    }

    /// <summary>
    /// Closes the loan of a member who left: a running loan is settled from the refund (the payoff amount,
    /// allocated like a payment); one not yet disbursed is cancelled. Others are left as they are.
    /// </summary>
    public static IDomainEvent? SettleAtExit(Loan loan, Guid exitTransactionId, EventMeta meta)
    {
        switch (loan.Status)
        {
            case LoanStatus.Applied or LoanStatus.Approved:
                return new LoanCancelled(loan.Id, loan.MemberId, "The member left the koperasi.", meta);
            case LoanStatus.Active:
                var position = LoanPositions.At(loan, meta.BusinessDate);
                var allocation = PaymentAllocation.Allocate(position, loan.Terms.AllocationOrder, position.PayoffAmount, payoff: true);
                return new LoanSettledAtExit(loan.Id, loan.MemberId, exitTransactionId, allocation.Penalty, allocation.Interest, allocation.Principal,
                    allocation.Lines, allocation.InterestWaived, meta);
            default:
                return null;
        }
    }

    /// <summary>Money on a loan is recorded in date order: nothing may be dated before the loan's latest movement.</summary>
    private static void RequireInOrder(Loan loan, LocalDate date)
    {
        if (date < loan.LastActivityOn)
            throw DomainException.Validation("businessDate",
                $"The loan's latest entry is dated {loan.LastActivityOn:yyyy-MM-dd}; nothing on it may be dated earlier.");
    }
}
