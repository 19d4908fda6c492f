namespace Ekopz.Web.Components;

/// <summary>Event type names (as Marten stores them, snake_case) in plain Indonesian, for the event page.</summary>
public static class EventNames
{
    public static string Of(string type) => type switch
    {
        "member_registered" => Teks.Ev_member_registered,
        "member_activated" => Teks.Ev_member_activated,
        "member_profile_changed" => Teks.Ev_member_profile_changed,
        "member_exited" => Teks.Ev_member_exited,
        "savings_deposited" => Teks.Ev_savings_deposited,
        "savings_withdrawn" => Teks.Ev_savings_withdrawn,
        "withdrawal_requested" => Teks.Ev_withdrawal_requested,
        "withdrawal_approved" => Teks.Ev_withdrawal_approved,
        "withdrawal_rejected" => Teks.Ev_withdrawal_rejected,
        "savings_deposit_reversed" => Teks.Ev_savings_reversed,
        "savings_interest_credited" => Teks.Ev_savings_interest_credited,
        "savings_reversal_requested" => Teks.Ev_reversal_requested,
        "savings_reversal_approved" => Teks.Ev_reversal_approved,
        "savings_reversal_rejected" => Teks.Ev_reversal_rejected,
        "loan_applied" => Teks.Ev_loan_applied,
        "loan_approved" => Teks.Ev_loan_approved,
        "loan_rejected" => Teks.Ev_loan_rejected,
        "loan_disbursed" => Teks.Ev_loan_disbursed,
        "loan_payment_received" => Teks.Ev_loan_paid,
        "loan_recovery_received" => Teks.Ev_loan_recovery,
        "loan_settled_at_exit" => Teks.Ev_loan_settled_at_exit,
        "loan_restructured" => Teks.Ev_loan_restructured,
        "loan_written_off" => Teks.Ev_loan_written_off,
        // Books
        "journal_voucher_requested" => Teks.Ev_journal_voucher_requested,
        "journal_voucher_approved" => Teks.Ev_journal_voucher_approved,
        "journal_voucher_rejected" => Teks.Ev_journal_voucher_rejected,
        "period_closed" => Teks.Ev_period_closed,
        "year_closed" => Teks.Ev_year_closed,
        "shu_allocation_approved" => Teks.Ev_shu_allocation_approved,

        _ => type.Replace('_', ' '),
    };
}
