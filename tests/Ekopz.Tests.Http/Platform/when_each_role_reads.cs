using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ekopz.Tests.Http.Loans;
using Ekopz.Tests.Http.Shop;
using Ekopz.Tests.Http.Shu;
using Ekopz.Tests.Http.Support;
using Npgsql;

namespace Ekopz.Tests.Http.Platform;

/// <summary>
/// Least data per role (docs/adr/0017), cell by cell: every read route against every role, in a koperasi that holds data
/// of every kind (members with NIK, phone and address; savings, withdrawals and a reversal; loans; shop orders; receipts;
/// adjustments, closed periods, an interest run; a decided SHU). The table below is the ADR's table: a test checks that
/// the two say the same, cell for cell.
/// </summary>
public class when_each_role_reads(when_each_role_reads.Koperasi kop) : IClassFixture<when_each_role_reads.Koperasi>
{
    /// <summary>The columns of the table, in its order. "anggota (other)" is the anggota of member A asking for member B.</summary>
    public static readonly string[] Who = ["pengurus", "pengawas", "kasir", "pengelola_toko", "anggota (own)", "anggota (other)", "operator"];

    /// <summary>
    /// A row: a route (with its placeholders) and what each role gets, in <see cref="Who"/>'s order:
    /// <c>full</c> 200 with the member's NIK whole; <c>masked</c> 200 with the NIK as <c>************1234</c> and never whole;
    /// <c>200</c> 200 (nothing personal to mask); <c>own</c> 200 with the caller's own member's data only; <c>403</c>, <c>404</c>.
    /// </summary>
    public sealed record Row(string Group, string Route, params string[] Cells)
    {
        public string Method => Route.StartsWith("POST ", StringComparison.Ordinal) ? "POST" : "GET";
        public string Path => Route[(Route.IndexOf(' ') + 1)..];
    }

    public static readonly Row[] Table =
    [
        //   group                  route                                                       pengurus pengawas kasir    toko   own     other   operator
        new("members",             "GET members?q={nik}",                                       "full", "full", "masked", "403", "403", "403", "403"),
        new("members",             "GET members/lookup?q={nik}",                                "200", "200", "200", "200", "403", "403", "403"),
        new("member detail",       "GET members/{member}",                                      "full", "full", "masked", "403", "full", "404", "403"),
        new("statements",          "GET members/{member}/statement",                            "200", "200", "200", "403", "200", "404", "403"),
        new("statements",          "GET members/{member}/statement/events/{deposit}",           "200", "200", "200", "403", "200", "404", "403"),
        new("arrears",             "GET members/{member}/savings/wajib/arrears",                "200", "200", "200", "403", "200", "404", "403"),
        new("arrears",             "GET savings/wajib/arrears",                                 "200", "200", "403", "403", "403", "403", "403"),
        new("withdrawals",         "GET withdrawals?status=requested",                          "200", "200", "200", "403", "403", "403", "403"),
        new("withdrawals",         "GET members/{member}/savings/sukarela/withdrawals",         "200", "200", "200", "403", "200", "404", "403"),
        new("withdrawals",         "GET withdrawals/{withdrawal}",                              "200", "200", "200", "403", "200", "404", "403"),
        new("reversals",           "GET reversals",                                             "200", "200", "403", "403", "403", "403", "403"),
        new("loans",               "GET loans",                                                 "200", "200", "200", "403", "403", "403", "403"),
        new("loans",               "GET members/{member}/loans",                                "200", "200", "200", "403", "200", "404", "403"),
        new("loans",               "GET loans/{loan}",                                          "200", "200", "200", "403", "200", "404", "403"),
        new("loans",               "GET loans/{loan}/lending-limit",                            "200", "200", "403", "403", "403", "403", "403"),
        new("loans",               "GET loan-products",                                         "200", "200", "200", "200", "200", "200", "403"),
        new("loans",               "GET loan-products/{loanProduct}",                           "200", "200", "200", "200", "200", "200", "403"),
        new("loans",               "POST loans/simulate",                                       "200", "200", "200", "200", "200", "200", "403"),
        new("loan portfolio",      "GET reports/loan-portfolio",                                "200", "200", "403", "403", "403", "403", "403"),
        new("ledger and reports",  "GET ledger/trial-balance",                                  "200", "200", "403", "403", "403", "403", "403"),
        new("ledger and reports",  "GET ledger/journal",                                        "200", "200", "403", "403", "403", "403", "403"),
        new("ledger and reports",  "GET ledger/lines?accounts=1-1000",                          "200", "200", "403", "403", "403", "403", "403"),
        new("ledger and reports",  "GET ledger/accounts/1-1000/lines",                          "200", "200", "403", "403", "403", "403", "403"),
        new("ledger and reports",  "GET ledger/entries/{entry}",                                "200", "200", "403", "403", "403", "403", "403"),
        new("ledger and reports",  "GET ledger/adjustments",                                    "200", "200", "403", "403", "403", "403", "403"),
        new("ledger and reports",  "GET ledger/adjustments/{adjustment}",                       "200", "200", "403", "403", "403", "403", "403"),
        new("ledger and reports",  "GET ledger/verification",                                   "200", "200", "403", "403", "403", "403", "403"),
        new("ledger and reports",  "GET periods",                                               "200", "200", "403", "403", "403", "403", "403"),
        new("ledger and reports",  "GET periods/2025-01",                                       "200", "200", "403", "403", "403", "403", "403"),
        new("ledger and reports",  "GET reports/balance-sheet",                                 "200", "200", "403", "403", "403", "403", "403"),
        new("ledger and reports",  "GET reports/income-statement",                              "200", "200", "403", "403", "403", "403", "403"),
        new("ledger and reports",  "GET reports/cash-flow",                                     "200", "200", "403", "403", "403", "403", "403"),
        new("ledger and reports",  "GET reports/equity-changes",                                "200", "200", "403", "403", "403", "403", "403"),
        new("ledger and reports",  "GET savings/interest-runs/{month}",                         "200", "200", "403", "403", "403", "403", "403"),
        new("cash book",           "GET reports/cash-book",                                     "200", "200", "200", "403", "403", "403", "403"),
        new("cash book",           "GET ledger/accounts",                                       "200", "200", "200", "403", "403", "403", "403"),
        new("events",              "GET events/{registration}",                                 "full", "full", "masked", "403", "full", "404", "403"),
        new("events",              "GET events/{deposit}/entries",                              "200", "200", "403", "403", "403", "403", "403"),
        new("receipts",            "GET receipts",                                              "200", "200", "200", "403", "403", "403", "403"),
        new("receipts",            "GET receipts/{savingsReceipt}",                             "200", "200", "200", "403", "403", "403", "403"),
        new("receipts",            "GET receipts/{shopReceipt}",                                "200", "200", "200", "200", "403", "403", "403"),
        new("shop",                "GET shop/products",                                         "200", "200", "200", "200", "200", "200", "403"),
        new("shop",                "GET shop/products/{product}",                               "200", "200", "200", "200", "200", "200", "403"),
        new("shop",                "GET shop/inventory",                                        "200", "200", "200", "200", "403", "403", "403"),
        new("shop",                "GET shop/products/{product}/movements",                     "200", "200", "200", "200", "403", "403", "403"),
        new("shop",                "GET shop/orders?memberId={member}",                         "200", "200", "200", "200", "own", "own", "403"),
        new("shop",                "GET shop/orders/{order}",                                   "200", "200", "200", "200", "200", "404", "403"),
        new("shop",                "GET shop/units",                                            "200", "200", "200", "200", "403", "403", "403"),
        new("shop",                "GET shop/units/{unit}/balance",                             "200", "200", "403", "200", "403", "403", "403"),
        new("shop",                "GET shop/units/{unit}/sales?year=2025",                     "200", "200", "403", "200", "403", "403", "403"),
        new("shop",                "GET shop/payouts",                                          "200", "200", "403", "200", "403", "403", "403"),
        new("shop",                "GET shop/vouchers",                                         "200", "200", "200", "200", "403", "403", "403"),
        new("shop",                "GET shop/settings",                                         "200", "200", "200", "200", "403", "403", "403"),
        new("shop",                "GET shop/purchases?year=2025",                              "200", "200", "403", "403", "403", "403", "403"),
        new("shop",                "GET shop/members/{member}/purchases?year=2025",             "200", "200", "200", "403", "200", "404", "403"),
        new("shop",                "GET shop/members/{member}/credit",                          "200", "200", "200", "403", "200", "404", "403"),
        new("SHU",                 "GET shu/2025",                                              "200", "200", "403", "403", "403", "403", "403"),
        new("SHU",                 "GET shu/2025/members",                                      "200", "200", "403", "403", "403", "403", "403"),
        new("SHU",                 "POST shu/2025/simulate",                                    "200", "200", "403", "403", "403", "403", "403"),
        new("SHU",                 "GET shu/2025/members/{member}",                             "200", "200", "200", "403", "200", "404", "403"),
        new("settings",            "GET settings",                                              "200", "200", "200", "200", "403", "403", "403"),
        new("settings",            "GET loan-settings",                                         "200", "200", "200", "200", "403", "403", "403"),
        new("users",               "GET users",                                                 "200", "200", "403", "403", "403", "403", "200"),
        new("dashboard",           "GET dashboard",                                             "200", "200", "403", "403", "403", "403", "403"),
        new("news",                "GET news",                                                  "200", "200", "200", "200", "200", "200", "403"),
        new("news",                "GET news/{news}",                                           "200", "200", "200", "200", "200", "200", "403"),
        new("published reports",   "GET published-reports",                                     "200", "200", "200", "200", "200", "200", "403"),
        new("published reports",   "GET published-reports/2025-01",                             "200", "200", "200", "200", "200", "200", "403"),
        new("applications",        "GET membership-applications",                               "200", "200", "200", "403", "403", "403", "403"),
        new("applications",        "GET membership-applications/{application}",                 "200", "200", "200", "403", "403", "403", "403"),
        new("who am I",            "GET /api/v1/me",                                            "200", "200", "200", "200", "200", "200", "200"),
        new("storefront",          "GET /api/v1/public/{kop}/store/products",                   "200", "200", "200", "200", "200", "200", "200"),
        new("storefront",          "GET /api/v1/public/{kop}/store/products/{product}",         "200", "200", "200", "200", "200", "200", "200"),
        new("storefront",          "GET /api/v1/public/{kop}/store/my-orders",                  "200", "200", "200", "200", "200", "200", "403"),
    ];

    public static IEnumerable<object[]> Cells() => from row in Table from who in Who select new object[] { row.Route, who };

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task each_cell_of_the_table_holds(string route, string who)
    {
        var row = Table.Single(r => r.Route == route);
        var expected = row.Cells[Array.IndexOf(Who, who)];
        var other = who == "anggota (other)";
        var path = kop.Fill(row.Path, other);
        var url = path.StartsWith('/') ? path : kop.Kop.Url(path);
        var user = kop.User(who);
        var reply = row.Method == "POST"
            ? await user.Post(url, kop.BodyFor(row.Path))
            : await user.Get(url);
        var because = $"{who} on {route} is '{expected}' in docs/adr/0017";

        switch (expected)
        {
            case "403":
                reply.Status.Should().Be(HttpStatusCode.Forbidden, $"{because}: {reply.Text}");
                reply.Code.Should().Be("forbidden", because);
                return;
            case "404":
                reply.Status.Should().Be(HttpStatusCode.NotFound, $"{because}: {reply.Text}");
                reply.Code.Should().Be("not_found", because);
                return;
        }
        reply.Status.Should().Be(HttpStatusCode.OK, $"{because}: {reply.Text}");
        var member = other ? kop.B : kop.A;
        switch (expected)
        {
            case "full":
                reply.Text.Should().Contain(member.Nik, because);
                break;
            case "masked":
                reply.Text.Should().NotContain(member.Nik, because).And.Contain(Masked(member.Nik), because);
                break;
            case "own":
                var orders = reply.Json.AsArray();
                orders.Should().NotBeEmpty(because);
                orders.Should().OnlyContain(o => o!["memberId"]!.GetValue<Guid>() == kop.A.Id, $"{because}: only the caller's own orders");
                break;
        }
        // Whatever a role may read, it never carries a NIK it may not see whole (names and numbers are not masked).
        if (expected != "full" && who is not ("pengurus" or "pengawas" or "operator" or "anggota (own)"))
            reply.Text.Should().NotContain(kop.A.Nik, because).And.NotContain(kop.B.Nik, because);
    }

    [Fact]
    public void the_table_of_the_adr_is_this_table_cell_for_cell()
    {
        var adr = AdrTable();
        adr.Keys.Should().BeEquivalentTo(Table.Select(r => r.Route), "every route of the test is a row of the ADR and the other way round");
        foreach (var row in Table)
        {
            var (group, cells) = adr[row.Route];
            group.Should().Be(row.Group, row.Route);
            cells.Should().Equal(row.Cells, $"the ADR's row {row.Route}");
        }
    }

    [Fact]
    public async Task the_kasir_sees_the_nik_masked_and_the_phone_and_address_whole_and_finds_a_member_by_a_whole_nik()
    {
        var found = (await kop.Kop.Kasir.Get(kop.Kop.Url($"members?q={kop.A.Nik}"))).ShouldBe(HttpStatusCode.OK).Json["members"]!.AsArray();
        var a = found.Should().ContainSingle().Subject!;
        a["memberId"]!.GetValue<Guid>().Should().Be(kop.A.Id);
        a["nik"]!.GetValue<string>().Should().Be(Masked(kop.A.Nik)).And.MatchRegex("^\\*{12}[0-9]{4}$");
        a["phone"]!.GetValue<string>().Should().Be(Koperasi.Phone);
        a["address"]!.GetValue<string>().Should().Be(Koperasi.Address);
        // A part of a NIK finds nothing: the list cannot be searched digit by digit.
        (await kop.Kop.Kasir.Get(kop.Kop.Url($"members?q={kop.A.Nik[..12]}"))).ShouldBe(HttpStatusCode.OK).Json["total"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task a_profile_the_kasir_changes_answers_with_the_nik_masked()
    {
        var changed = (await kop.Kop.Kasir.Send(HttpMethod.Patch, kop.Kop.Url($"members/{kop.B.Id}"), "{\"phone\":\"081311112222\"}"))
            .ShouldBe(HttpStatusCode.OK);
        changed.String("nik").Should().Be(Masked(kop.B.Nik));
        changed.String("phone").Should().Be("081311112222");
        (await kop.Kop.Pengurus.Get(kop.Kop.Url($"members/{kop.B.Id}"))).String("nik").Should().Be(kop.B.Nik);
    }

    [Fact]
    public async Task the_lookup_answers_only_who_the_member_is_and_only_for_a_whole_number_or_nik()
    {
        foreach (var q in new[] { kop.A.Nik, kop.A.Number })
        {
            var hit = (await kop.Kop.Toko.Get(kop.Kop.Url($"members/lookup?q={q}"))).ShouldBe(HttpStatusCode.OK).Json.AsArray().Should().ContainSingle().Subject!;
            hit.AsObject().Select(p => p.Key).Should().BeEquivalentTo("memberId", "memberNumber", "name", "status");
            hit["memberId"]!.GetValue<Guid>().Should().Be(kop.A.Id);
            hit["name"]!.GetValue<string>().Should().Be("Budi");
            hit["status"]!.GetValue<string>().Should().Be("active");
        }
        // No browsing: a name, a part of a NIK or nothing at all finds no one.
        (await kop.Kop.Toko.Get(kop.Kop.Url("members/lookup?q=Budi"))).ShouldBe(HttpStatusCode.OK).Json.AsArray().Should().BeEmpty();
        (await kop.Kop.Toko.Get(kop.Kop.Url($"members/lookup?q={kop.A.Nik[..10]}"))).ShouldBe(HttpStatusCode.OK).Json.AsArray().Should().BeEmpty();
        (await kop.Kop.Toko.Get(kop.Kop.Url("members/lookup"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task a_pengelola_toko_sees_who_bought_but_not_their_nik_savings_or_loans()
    {
        var order = (await kop.Kop.Toko.Get(kop.Kop.Url($"shop/orders/{kop.A.Order}"))).ShouldBe(HttpStatusCode.OK);
        order.String("memberNumber").Should().Be(kop.A.Number);
        order.String("memberName").Should().Be("Budi");
        var list = (await kop.Kop.Toko.Get(kop.Kop.Url("shop/orders"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        list.Single(o => o!["orderId"]!.GetValue<Guid>() == kop.B.Order)!["memberName"]!.GetValue<string>().Should().Be("Ani");
        // A walk-in buyer has no name.
        list.Where(o => o!["memberId"] is null).Should().OnlyContain(o => o!["memberName"] == null);
    }

    [Fact]
    public async Task a_raw_event_shows_the_kasir_every_field_but_the_nik_in_full()
    {
        var pengurus = (await kop.Kop.Pengurus.Get(kop.Kop.Url($"events/{kop.Registration}"))).ShouldBe(HttpStatusCode.OK).Json["data"]!;
        var kasir = (await kop.Kop.Kasir.Get(kop.Kop.Url($"events/{kop.Registration}"))).ShouldBe(HttpStatusCode.OK).Json["data"]!;
        pengurus["nik"]!.GetValue<string>().Should().Be(kop.A.Nik);
        kasir["nik"]!.GetValue<string>().Should().Be(Masked(kop.A.Nik));
        kasir["name"]!.GetValue<string>().Should().Be("Budi");
        kasir["memberNumber"]!.GetValue<string>().Should().Be(kop.A.Number);
        // Nothing else differs.
        var rest = (JsonNode n) => { var o = n.DeepClone().AsObject(); o.Remove("nik"); return o.ToJsonString(); };
        rest(kasir).Should().Be(rest(pengurus));
    }

    [Fact]
    public async Task an_anggota_sees_only_their_own_orders_whatever_member_they_name()
    {
        var all = (await kop.Anggota.Get(kop.Kop.Url("shop/orders"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        all.Should().NotBeEmpty().And.OnlyContain(o => o!["memberId"]!.GetValue<Guid>() == kop.A.Id);
    }

    public static string Masked(string nik) => new string('*', nik.Length - 4) + nik[^4..];

    /// <summary>The ADR's table: route → (group, the seven cells).</summary>
    private static Dictionary<string, (string Group, string[] Cells)> AdrTable()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ekopz.sln"))) dir = dir.Parent;
        var text = File.ReadAllText(Path.Combine(dir!.FullName, "docs", "adr", "0017-data-per-role.md"));
        var table = new Dictionary<string, (string, string[])>();
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("| ", StringComparison.Ordinal)))
        {
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            var route = Regex.Match(cells[1], "^`((?:GET|POST) [^`]+)`$");
            if (!route.Success) continue;
            table.Add(route.Groups[1].Value, (cells[0], cells[2..9]));
        }
        return table;
    }

    /// <summary>A member of the koperasi and what is theirs.</summary>
    public sealed record Member(Guid Id, string Number, string Nik, Guid Withdrawal, Guid Loan, Guid Order);

    /// <summary>
    /// The koperasi every cell reads: the domain example's 2025 (five members, loans, the shop, adjustments), its year
    /// closed and its SHU decided; Budi (A) and Ani (B) then deposit, ask to withdraw and buy today; A has a login of her
    /// own, a phone and an address; there is a reversal waiting, an interest run, receipts of savings and of the shop.
    /// </summary>
    public sealed class Koperasi : IAsyncLifetime
    {
        public const string Phone = "081234567890";
        public const string Address = "Jl. Melati 7, Bandung";

        public TestKoperasi Kop { get; private set; } = null!;
        public ApiUser Anggota { get; private set; } = null!;
        public Member A { get; private set; } = null!;
        public Member B { get; private set; } = null!;
        public Guid Registration { get; private set; }
        /// <summary>Member B's registration: what "anggota (other)" asks for on <c>events/{registration}</c> (ADR 21).</summary>
        public Guid RegistrationB { get; private set; }
        private readonly Dictionary<string, string> _ids = new();
        private string _month = "";

        public async Task InitializeAsync()
        {
            var ex = await DomainExample.Build();
            await ex.CloseYear();
            await ex.Approve();
            Kop = ex.Kop;
            var today = LoanKit.Today;

            (await Kop.Pengurus.Send(HttpMethod.Patch, Kop.Url($"members/{ex.Budi}"), $"{{\"phone\":\"{Phone}\",\"address\":\"{Address}\"}}"))
                .ShouldBe(HttpStatusCode.OK);
            Anggota = await Kop.MemberLogin(ex.Budi);

            async Task<Member> Build(Guid id)
            {
                var member = (await Kop.Pengurus.Get(Kop.Url($"members/{id}"))).ShouldBe(HttpStatusCode.OK);
                await Kop.Deposit(id, "sukarela", 200_000m);
                var withdrawal = (await Kop.Kasir.Post(Kop.Url($"members/{id}/savings/sukarela/withdrawals"), new { amount = 50_000m, payAtCounter = true }))
                    .ShouldBe(HttpStatusCode.Accepted).Guid("withdrawalId");
                var loan = (await Kop.Pengurus.Get(Kop.Url($"members/{id}/loans"))).ShouldBe(HttpStatusCode.OK).Json.AsArray()[0]!["loanId"]!.GetValue<Guid>();
                var order = (await Kop.CounterSale(today, id, (ex.Beras, 1m))).Guid("orderId");
                return new Member(id, member.String("memberNumber"), member.String("nik"), withdrawal, loan, order);
            }
            A = await Build(ex.Budi);
            B = await Build(ex.Ani);
            await Kop.CounterSale(today, null, (ex.Beras, 1m));

            // Money with a receipt, a deposit waiting to be reversed, the events behind them.
            var deposit = await Kop.Deposit(A.Id, "sukarela", 10_000m);
            var tx = deposit.String("transactionId");
            _ids["savingsReceipt"] = (await Kop.Kasir.Post(Kop.Url("receipts"), new { source = "savings", transactionId = tx }))
                .ShouldBe(HttpStatusCode.Created).Json["receiptNumber"]!.ToString();
            _ids["shopReceipt"] = (await Kop.Kasir.Post(Kop.Url("receipts"), new { source = "shop_order", transactionId = A.Order }))
                .ShouldBe(HttpStatusCode.Created).Json["receiptNumber"]!.ToString();
            (await Kop.Pengurus.Post(Kop.Url($"members/{A.Id}/savings/transactions/{tx}/reversal"), new { reason = "Salah catat" }))
                .ShouldBe(HttpStatusCode.Accepted);
            var statement = (await Kop.Pengurus.Get(Kop.Url($"members/{A.Id}/statement"))).ShouldBe(HttpStatusCode.OK);
            _ids["deposit"] = statement.Json["lines"]!.AsArray().Single(l => l!["transactionId"]!.GetValue<string>() == tx)!["eventId"]!.GetValue<string>();
            _ids["entry"] = (await Kop.Pengurus.Get(Kop.Url($"events/{_ids["deposit"]}/entries"))).ShouldBe(HttpStatusCode.OK)
                .Json.AsArray()[0]!["entryId"]!.GetValue<string>();
            Registration = await FirstEventOf(A.Id);
            RegistrationB = await FirstEventOf(B.Id);

            // The books: an adjustment of the example, an interest run of a month that has ended, the shop's unit and product.
            _ids["adjustment"] = ex.RentAdjustment.ToString();
            _month = DateOnly.Parse(today).AddMonths(-2).ToString("yyyy-MM");
            (await Kop.Pengurus.Post(Kop.Url("savings/interest-runs"), new { month = _month, annualRate = 3m })).Status
                .Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);
            _ids["month"] = _month;
            _ids["product"] = ex.Beras.ToString();
            _ids["unit"] = (await Kop.MainUnit()).ToString();
            // The pengelola toko manages the main unit: its unit reads (sales) are theirs.
            await Kop.AssignToko(Guid.Parse(_ids["unit"]));
            _ids["loanProduct"] = (await Kop.Pengurus.Post(Kop.Url("loan-products"), new
            {
                name = "Pinjaman umum", terms = new { method = "flat", annualRate = 18, penaltyRatePerDay = 0.1, penaltyGraceDays = 3 },
            })).ShouldBe(HttpStatusCode.Created).String("productId");

            // Kopnews, January's reports published, an online application (docs/adr/0022).
            _ids["news"] = (await Kop.Pengurus.Post(Kop.Url("news"), new { title = "Rapat anggota", body = "Hadir ya.", @public = false }))
                .ShouldBe(HttpStatusCode.Created).String("postId");
            (await Kop.Pengurus.Post(Kop.Url("periods/2025-01/publish"))).ShouldBe(HttpStatusCode.Created);
            _ids["application"] = (await ApiUser.Anonymous().Post($"/api/v1/public/{Kop.Slug}/membership-applications",
                new { name = "Calon", nik = TestKoperasi.NewNik() })).ShouldBe(HttpStatusCode.Created).String("applicationId");
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public ApiUser User(string who) => who switch
        {
            "pengurus" => Kop.Pengurus,
            "pengawas" => Kop.Pengawas,
            "kasir" => Kop.Kasir,
            "pengelola_toko" => Kop.Toko,
            "anggota (own)" or "anggota (other)" => Anggota,
            "operator" => Kop.Admin,
            _ => throw new ArgumentOutOfRangeException(nameof(who)),
        };

        /// <summary>The route with its placeholders filled: member A's things, or B's for the anggota asking for another member.</summary>
        public string Fill(string path, bool other)
        {
            var m = other ? B : A;
            var filled = path.Replace("{kop}", Kop.Slug).Replace("{nik}", m.Nik).Replace("{member}", m.Id.ToString()).Replace("{withdrawal}", m.Withdrawal.ToString())
                .Replace("{loan}", m.Loan.ToString()).Replace("{order}", m.Order.ToString())
                .Replace("{registration}", (other ? RegistrationB : Registration).ToString());
            foreach (var (key, value) in _ids) filled = filled.Replace("{" + key + "}", value);
            filled.Should().NotContain("{", $"every placeholder of {path} is filled");
            return filled;
        }

        public object BodyFor(string path) => path switch
        {
            "loans/simulate" => new { principal = 12_000_000m, periods = 12, annualRate = 18m, method = "anuitas" },
            "shu/2025/simulate" => new { buckets = DomainExample.Buckets },
            _ => throw new ArgumentOutOfRangeException(nameof(path)),
        };

        /// <summary>The first event of a member's stream: the registration, with the NIK.</summary>
        private async Task<Guid> FirstEventOf(Guid memberId)
        {
            await using var connection = new NpgsqlConnection(EkopzApp.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"select id from {DirectSql.Schema}.mt_events where tenant_id = @t and stream_id = @s order by version limit 1", connection);
            command.Parameters.AddWithValue("t", Kop.Slug);
            command.Parameters.AddWithValue("s", memberId);
            return (Guid)(await command.ExecuteScalarAsync())!;
        }
    }
}
