namespace Ekopz.Web.Components;

/// <summary>The API's stable error codes (docs/adr/0007) in plain Indonesian, for people without IT skill.</summary>
public static class ErrorText
{
    public static string ForCode(string code) => code switch
    {
        "validation_failed" => Teks.Kode_validation_failed,
        "insufficient_balance" => Teks.Kode_insufficient_balance,
        "period_closed" => Teks.Kode_period_closed,
        "not_withdrawable" => Teks.Kode_not_withdrawable,
        "limit_exceeded" => Teks.Kode_limit_exceeded,
        "invalid_state" => Teks.Kode_invalid_state,
        "same_maker_checker" => Teks.Kode_same_maker_checker,
        "insufficient_stock" => Teks.Kode_insufficient_stock,
        "period_not_closed" => Teks.Kode_period_not_closed,
        "conflict" => Teks.Kode_conflict,
        "forbidden" => Teks.Kode_forbidden,
        "not_found" => Teks.Kode_not_found,
        "unauthorized" => Teks.Kode_unauthorized,
        "rate_limited" => Teks.Kode_rate_limited,
        _ => Teks.Kode_lain,
    };

    /// <summary>
    /// Too many sign-ins, or a login locked after wrong passwords (docs/adr/0018): how many minutes to wait, from the
    /// API's Retry-After. The same words for both, as the API gives the same answer for both.
    /// </summary>
    public static string TooManyAttempts(Ekopz.Web.Api.ApiProblem problem)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((problem.RetryAfter ?? TimeSpan.FromMinutes(1)).TotalMinutes));
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, Teks.Masuk_terlalu_sering, minutes);
    }
}
