using System.Globalization;
using System.Text.Json.Nodes;

namespace Ekopz.Tests.Browser.Support;

/// <summary>Books for the report journeys, made through the API as the kasir and pengurus would: members with a past, deposits, manual journals.</summary>
public static class BookData
{
    /// <summary>Today in the koperasi's time zone, as the API says.</summary>
    public static async Task<DateOnly> Today(this ConsoleKoperasi kop) =>
        DateOnly.ParseExact((await kop.Get(kop.Pengurus, "settings"))["asOf"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A member registered and paying pokok on <paramref name="date"/>.</summary>
    public static async Task<Guid> MemberSince(this ConsoleKoperasi kop, string name, DateOnly date)
    {
        var member = await kop.Post(kop.Kasir, "members", new { name, nik = ConsoleKoperasi.NewNik(), phone = "081234567890", businessDate = date.Iso() });
        var id = Guid.Parse(member["memberId"]!.GetValue<string>());
        await kop.Deposit(id, "pokok", 100_000m, date);
        return id;
    }

    public static Task<JsonNode> Deposit(this ConsoleKoperasi kop, Guid memberId, string kind, decimal amount, DateOnly? date = null) =>
        kop.Post(kop.Kasir, $"members/{memberId}/savings/{kind}/deposits", new { amount, businessDate = date?.Iso() });

    /// <summary>A manual journal proposed by the first pengurus; approved by the second unless <paramref name="approve"/> is false.</summary>
    public static async Task<Guid> Adjust(this ConsoleKoperasi kop, DateOnly date, string description, bool approve,
        params (string Code, decimal Debit, decimal Credit)[] lines)
    {
        var proposed = await kop.Post(kop.Pengurus, "ledger/adjustments", new
        {
            businessDate = date.Iso(), description,
            lines = lines.Select(l => new { accountCode = l.Code, debit = l.Debit, credit = l.Credit }).ToArray(),
        });
        var id = Guid.Parse(proposed["adjustmentId"]!.GetValue<string>());
        if (approve) await kop.Post(kop.Pengurus2, $"ledger/adjustments/{id}/approve", new { });
        return id;
    }

    /// <summary>A small koperasi's month: three members, their savings, a grant and the electricity bill.</summary>
    public static async Task<DateOnly> SomeBooks(this ConsoleKoperasi kop)
    {
        var today = await kop.Today();
        var sri = await kop.ActiveMember("Sri Rahayu");
        var budi = await kop.ActiveMember("Budi Santoso");
        var wati = await kop.ActiveMember("Wati Lestari");
        await kop.Deposit(sri, "wajib", 25_000m);
        await kop.Deposit(budi, "wajib", 25_000m);
        await kop.Deposit(sri, "sukarela", 250_000m);
        await kop.Deposit(wati, "sukarela", 1_500_000m);
        await kop.Adjust(today, "Hibah peralatan dari pemda", approve: true, ("1-1010", 5_000_000m, 0m), ("3-1300", 0m, 5_000_000m));
        await kop.Adjust(today, "Listrik kantor", approve: true, ("5-3200", 175_000m, 0m), ("1-1000", 0m, 175_000m));
        await kop.Adjust(today, "Jasa giro bank", approve: true, ("1-1010", 12_500m, 0m), ("4-9000", 0m, 12_500m));
        // A loan to a member, paid out at the counter, and its first installment (interest is member revenue).
        var loan = await kop.Post(kop.Pengurus, $"members/{budi}/loans", new { principal = 600_000m, periods = 6, annualRate = 12m, method = "flat" });
        var loanId = loan["loanId"]!.GetValue<string>();
        await kop.Post(kop.Pengurus2, $"loans/{loanId}/approve", new { });
        await kop.Post(kop.Kasir, $"loans/{loanId}/disburse", new { });
        await kop.Post(kop.Kasir, $"loans/{loanId}/payments", new { amount = 106_000m });
        return today;
    }
}

public static class BooksBrowser
{
    /// <summary>
    /// Signs in and opens /laporan; returns how many console errors there were by then, so a journey checks only its own
    /// pages (the landing page after signing in belongs to another part of the console).
    /// </summary>
    public static async Task<int> SignInToBooks(this ConsoleBrowser browser, string username)
    {
        await browser.SignIn(username);
        await browser.Page.GotoAsync("/laporan");
        await browser.Page.WaitForLoadStateAsync(LoadState.Load);
        return browser.ConsoleErrors.Count;
    }
}
