using System.Net;
using System.Text.Json.Nodes;
using Ekopz.Tests.Http.Loans;
using Ekopz.Tests.Http.Shop;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Dashboard;

/// <summary>
/// The beranda: one read for the board's home page whose every figure equals the report it summarises (cash book,
/// trial balance, loan portfolio, wajib arrears, income statement) and whose pending counts are the queues' lengths.
/// One koperasi with a little of everything is built once for the class.
/// </summary>
public class when_the_board_opens_the_dashboard : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private readonly string _today = LoanKit.Today;
    private readonly string _start = LoanKit.DaysAgo(160);
    private readonly string _earlier = LoanKit.DaysAgo(40);
    private Guid _member;

    public async Task InitializeAsync()
    {
        var kop = _kop = await TestKoperasi.Create(pokok: 100_000m, wajib: 25_000m);
        await kop.Capital(100_000_000m, _start);
        var a = _member = await kop.MemberSince(_start, "Aktif Satu");
        var b = await kop.MemberSince(_start, "Aktif Dua");
        var c = await kop.MemberSince(_start, "Aktif Tiga");
        await kop.Register("Calon Anggota");
        var leaving = await kop.MemberSince(_start, "Pindah Kota");
        var dying = await kop.MemberSince(_start, "Almarhum");
        (await kop.Pengurus.Post(kop.Url($"members/{leaving}/exit"), new { reason = "pindah kota" })).ShouldBe(HttpStatusCode.OK);
        (await kop.Pengurus.Post(kop.Url($"members/{dying}/exit"), new { reason = "meninggal dunia", deceased = true, paidTo = "Ahli waris" }))
            .ShouldBe(HttpStatusCode.OK);

        // Wajib: a paid six months ahead, b one month, c nothing.
        await kop.Deposit(a, "wajib", 150_000m, _start);
        await kop.Deposit(b, "wajib", 25_000m, _start);
        await kop.Deposit(a, "sukarela", 2_000_000m, _earlier);
        await kop.Deposit(b, "sukarela", 500_000m);
        // Cash out today: a withdrawal asked at the counter and approved by a pengurus.
        var paid = (await kop.Kasir.Post(kop.Url($"members/{b}/savings/sukarela/withdrawals"), new { amount = 200_000 }))
            .ShouldBe(HttpStatusCode.Accepted).Guid("withdrawalId");
        (await kop.Pengurus.Post(kop.Url($"withdrawals/{paid}/approve"))).ShouldBe(HttpStatusCode.OK);

        // The queues: a withdrawal, a reversal, an adjustment, a loan application and a seller's payout, each waiting.
        (await kop.Kasir.Post(kop.Url($"members/{a}/savings/sukarela/withdrawals"), new { amount = 100_000 })).ShouldBe(HttpStatusCode.Accepted);
        var mistaken = (await kop.Deposit(c, "sukarela", 50_000m)).Guid("transactionId");
        (await kop.Pengurus.Post(kop.Url($"members/{c}/savings/transactions/{mistaken}/reversal"), new { reason = "salah anggota" }))
            .ShouldBe(HttpStatusCode.Accepted);
        (await kop.Pengurus.Post(kop.Url("ledger/adjustments"), new
        {
            businessDate = _today, description = "Beban listrik",
            lines = new object[] { new { accountCode = "5-3200", debit = 150_000, credit = 0 }, new { accountCode = "1-1010", debit = 0, credit = 150_000 } },
        })).ShouldBe(HttpStatusCode.Accepted);

        // Loans: one long unpaid (a problem loan), one running on time, one waiting for approval.
        await kop.ActiveLoan(a, LoanKit.DaysAgo(150), 1_200_000m, 6);
        await kop.ActiveLoan(b, LoanKit.DaysAgo(20), 600_000m, 6);
        await kop.Apply(c, 300_000m, 6);

        // The shop: a member's sale in an earlier month, a walk-in's today.
        var rice = await kop.Product("BRS-5", 60_000m, 65_000m);
        await kop.Receive(LoanKit.DaysAgo(45), rice, 10m, 50_000m);
        await kop.CounterSale(_earlier, a, (rice, 1m));
        await kop.CounterSale(_today, null, (rice, 2m));

        // A member's own stall selling through the koperasi, asking for its money.
        var unit = (await kop.Pengurus.Post(kop.Url("shop/units"), new { name = "Warung Bu Satu", kind = "seller", ownerMemberId = a }))
            .ShouldBe(HttpStatusCode.Created).Guid("unitId");
        await kop.AssignToko(unit);
        var chips = await kop.Product("KRP-1", 10_000m, 11_000m, unitId: unit, by: kop.Toko);
        (await kop.Toko.Post(kop.Url("shop/stock-receipts"), new { supplier = "Bu Satu", lines = new[] { new { productId = chips, quantity = 10 } } }))
            .ShouldBe(HttpStatusCode.Created);
        var order = (await kop.PlaceOrder(kop.Toko, b, "web", null, (chips, 5m))).ShouldBe(HttpStatusCode.Created).Guid("orderId");
        (await kop.Toko.Post(kop.Url($"shop/orders/{order}/pay"))).ShouldBe(HttpStatusCode.OK);
        (await kop.Toko.Post(kop.Url($"shop/orders/{order}/ship"), new { trackingNumber = "JNE-1" })).ShouldBe(HttpStatusCode.OK);
        (await kop.Toko.Post(kop.Url($"shop/orders/{order}/deliver"))).ShouldBe(HttpStatusCode.OK);
        (await kop.Toko.Post(kop.Url($"shop/units/{unit}/payouts"), new { amount = 10_000 })).ShouldBe(HttpStatusCode.Accepted);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonNode> Dashboard(string query = "") => (await _kop.Pengurus.Get(_kop.Url("dashboard" + query))).ShouldBe(HttpStatusCode.OK).Json;

    private static decimal D(JsonNode? n) => n!.GetValue<decimal>();

    private static string MonthOf(string date) => date[..7];

    [Fact]
    public async Task cash_is_the_cash_book_of_the_day_and_savings_are_the_trial_balance_control_accounts()
    {
        var dash = await Dashboard();
        dash["asOf"]!.GetValue<string>().Should().Be(_today);
        dash["koperasiName"]!.GetValue<string>().Should().Be("Koperasi " + _kop.Slug);

        var book = (await _kop.Pengawas.Get(_kop.Url($"reports/cash-book?from={_today}&to={_today}"))).ShouldBe(HttpStatusCode.OK).Json;
        var accounts = book["accounts"]!.AsArray();
        accounts.Select(a => a!["accountCode"]!.GetValue<string>()).Should().BeEquivalentTo("1-1000", "1-1010");
        D(dash["cash"]!["inToday"]).Should().Be(accounts.Sum(a => D(a!["totalIn"])));
        D(dash["cash"]!["outToday"]).Should().Be(accounts.Sum(a => D(a!["totalOut"])));
        D(dash["cash"]!["balance"]).Should().Be(accounts.Sum(a => D(a!["closingBalance"])));
        D(dash["cash"]!["inToday"]).Should().BeGreaterThan(0m);
        D(dash["cash"]!["outToday"]).Should().BeGreaterThan(0m);

        var tb = await BookChecks.TrialBalance(_kop, _today);
        D(dash["savings"]!["pokok"]).Should().Be(-tb.Of("3-1000"));
        D(dash["savings"]!["wajib"]).Should().Be(-tb.Of("3-1100"));
        D(dash["savings"]!["sukarela"]).Should().Be(-tb.Of("2-1000"));
        D(dash["savings"]!["pokok"]).Should().Be(300_000m, "three members hold pokok; two have left");

        // Twelve month-ends up to today; the last is today's balance, an earlier one that month-end's trial balance.
        var months = dash["savingsByMonth"]!.AsArray();
        months.Should().HaveCount(12);
        months.Select(m => m!["month"]!.GetValue<string>()).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        months[^1]!["month"]!.GetValue<string>().Should().Be(MonthOf(_today));
        foreach (var kind in new[] { "pokok", "wajib", "sukarela" }) D(months[^1]![kind]).Should().Be(D(dash["savings"]![kind]));
        var lastMonthEnd = DateOnly.Parse(_today[..8] + "01").AddDays(-1).ToString("yyyy-MM-dd");
        var previous = await BookChecks.TrialBalance(_kop, lastMonthEnd);
        months[^2]!["month"]!.GetValue<string>().Should().Be(MonthOf(lastMonthEnd));
        (D(months[^2]!["pokok"]), D(months[^2]!["wajib"]), D(months[^2]!["sukarela"]))
            .Should().Be((-previous.Of("3-1000"), -previous.Of("3-1100"), -previous.Of("2-1000")));
        // Before anyone joined: nothing.
        (D(months[0]!["pokok"]), D(months[0]!["wajib"]), D(months[0]!["sukarela"])).Should().Be((0m, 0m, 0m));
    }

    [Fact]
    public async Task loans_are_the_loan_portfolio_with_all_five_grades()
    {
        var dash = await Dashboard();
        var portfolio = (await _kop.Pengawas.Get(_kop.Url($"reports/loan-portfolio?asOf={_today}"))).ShouldBe(HttpStatusCode.OK).Json;
        var loans = dash["loans"]!;
        loans["count"]!.GetValue<int>().Should().Be(portfolio["loans"]!.GetValue<int>()).And.Be(2);
        D(loans["outstanding"]).Should().Be(D(portfolio["outstanding"]));
        D(loans["nplRatio"]).Should().Be(D(portfolio["problemLoanRatio"]));
        D(loans["nplRatio"]).Should().BeGreaterThan(0m, "the loan unpaid for months is a problem loan");
        var grades = loans["byKolektibilitas"]!.AsArray();
        grades.Select(g => g!["kolektibilitas"]!.GetValue<string>())
            .Should().Equal("lancar", "dalam_perhatian_khusus", "kurang_lancar", "diragukan", "macet");
        grades.Select(g => (g!["count"]!.GetValue<int>(), D(g["outstanding"])))
            .Should().Equal(portfolio["byKolektibilitas"]!.AsArray().Select(c => (c!["loans"]!.GetValue<int>(), D(c["outstanding"]))));
    }

    [Fact]
    public async Task pending_counts_are_the_lengths_of_the_queues()
    {
        var pending = (await Dashboard())["pendingApprovals"]!;
        async Task<int> Length(string path) => (await _kop.Pengurus.Get(_kop.Url(path))).ShouldBe(HttpStatusCode.OK).Json.AsArray().Count;

        pending["withdrawals"]!.GetValue<int>().Should().Be(await Length("withdrawals?status=requested")).And.Be(1);
        pending["reversals"]!.GetValue<int>().Should().Be(await Length("reversals?status=requested")).And.Be(1);
        pending["adjustments"]!.GetValue<int>().Should().Be(await Length("ledger/adjustments?status=requested")).And.Be(1);
        pending["payouts"]!.GetValue<int>().Should().Be(await Length("shop/payouts?status=requested")).And.Be(1);
        pending["loans"]!.GetValue<int>().Should().Be((int)(await _kop.AllLoans(_today, "applied")).Count).And.Be(1);
        pending["total"]!.GetValue<int>().Should().Be(5);

        // The adjustment list still lists everything without a status; its queue is the requested ones.
        (await Length("ledger/adjustments")).Should().BeGreaterThan(1);
        (await _kop.Pengurus.Get(_kop.Url("ledger/adjustments?status=nonsense"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _kop.Pengurus.Get(_kop.Url("shop/payouts?status=nonsense"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await Length("shop/payouts")).Should().Be(1);
    }

    [Fact]
    public async Task wajib_arrears_and_members_add_up()
    {
        var dash = await Dashboard();
        var list = (await _kop.Pengawas.Get(_kop.Url($"savings/wajib/arrears?asOf={_today}"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        dash["wajibArrears"]!["members"]!.GetValue<int>().Should().Be(list.Count).And.BeGreaterThan(0);
        D(dash["wajibArrears"]!["amount"]).Should().Be(list.Sum(m => D(m!["arrearsAmount"])));

        var members = dash["members"]!;
        (members["active"]!.GetValue<int>(), members["applicants"]!.GetValue<int>(), members["exited"]!.GetValue<int>(),
            members["deceased"]!.GetValue<int>()).Should().Be((3, 1, 1, 1));
    }

    [Fact]
    public async Task shop_sales_are_the_income_statements_sales_accounts_by_month()
    {
        var dash = await Dashboard();
        async Task<decimal> Sales(string from, string to)
        {
            var phu = (await _kop.Pengawas.Get(_kop.Url($"reports/income-statement?from={from}&to={to}"))).ShouldBe(HttpStatusCode.OK).Json;
            return new[] { phu["member"]!["revenues"]!, phu["nonMember"]!["revenues"]! }.SelectMany(s => s["lines"]!.AsArray())
                .Where(l => l!["accountCode"]!.GetValue<string>() is "4-2000" or "4-2100" or "4-2200").Sum(l => D(l!["amount"]));
        }

        var thisMonth = await Sales(_today[..8] + "01", _today);
        D(dash["shop"]!["salesThisMonth"]).Should().Be(thisMonth);
        thisMonth.Should().BeGreaterThanOrEqualTo(2 * 65_000m, "the walk-in's two sacks today at the public price");
        var byMonth = dash["shop"]!["salesByMonth"]!.AsArray();
        byMonth.Should().HaveCount(12);
        byMonth[^1]!["month"]!.GetValue<string>().Should().Be(MonthOf(_today));
        D(byMonth[^1]!["amount"]).Should().Be(thisMonth);

        var earlierMonth = MonthOf(_earlier);
        if (earlierMonth != MonthOf(_today))
        {
            var end = DateOnly.Parse(earlierMonth + "-01").AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd");
            var entry = byMonth.Single(m => m!["month"]!.GetValue<string>() == earlierMonth)!;
            D(entry["amount"]).Should().Be(await Sales(earlierMonth + "-01", end)).And.Be(60_000m, "the member's sack at the member price");
        }
    }

    [Fact]
    public async Task an_earlier_date_reads_the_books_and_members_as_they_stood_then()
    {
        var dash = await Dashboard($"?asOf={_earlier}");
        dash["asOf"]!.GetValue<string>().Should().Be(_earlier);
        var tb = await BookChecks.TrialBalance(_kop, _earlier);
        (D(dash["savings"]!["pokok"]), D(dash["savings"]!["wajib"]), D(dash["savings"]!["sukarela"]))
            .Should().Be((-tb.Of("3-1000"), -tb.Of("3-1100"), -tb.Of("2-1000")));
        D(dash["cash"]!["balance"]).Should().Be(tb.Of("1-1000") + tb.Of("1-1010"));
        var members = dash["members"]!;
        (members["active"]!.GetValue<int>(), members["applicants"]!.GetValue<int>(), members["exited"]!.GetValue<int>(),
            members["deceased"]!.GetValue<int>()).Should().Be((5, 0, 0, 0), "the two who left were still members, the applicant not yet registered");
        var portfolio = (await _kop.Pengawas.Get(_kop.Url($"reports/loan-portfolio?asOf={_earlier}"))).ShouldBe(HttpStatusCode.OK).Json;
        D(dash["loans"]!["outstanding"]).Should().Be(D(portfolio["outstanding"]));
        dash["loans"]!["count"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task pengurus_and_pengawas_read_it_the_kasir_the_shop_manager_and_members_do_not()
    {
        (await _kop.Pengurus.Get(_kop.Url("dashboard"))).ShouldBe(HttpStatusCode.OK);
        (await _kop.Pengawas.Get(_kop.Url("dashboard"))).ShouldBe(HttpStatusCode.OK);
        // The board's figures (docs/adr/0017): the kasir works the counter and reads the cash book.
        (await _kop.Kasir.Get(_kop.Url("dashboard"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _kop.Toko.Get(_kop.Url("dashboard"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await (await _kop.MemberLogin(_member)).Get(_kop.Url("dashboard"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        var other = await TestKoperasi.Create();
        (await other.Pengurus.Get(_kop.Url("dashboard"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await _kop.Pengurus.Get(_kop.Url("dashboard?asOf=yesterday"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }
}
