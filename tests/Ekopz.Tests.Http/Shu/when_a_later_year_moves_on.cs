using System.Net;
using Ekopz.Tests.Http.Loans;
using Ekopz.Tests.Http.Shop;
using Ekopz.Tests.Http.Support;
using Npgsql;

namespace Ekopz.Tests.Http.Shu;

/// <summary>
/// A distributed year keeps its figures while the next one moves the very figures SHU is shared on, and
/// the check of a decision recomputes it (SHU from the ledger, each member's basis from the events) so
/// that a tampered ledger or event store is named, figure by figure.
/// </summary>
public class when_a_later_year_moves_on
{
    [Fact]
    public async Task a_distributed_year_keeps_its_figures_and_its_check_names_what_was_tampered()
    {
        var ex = await DomainExample.Build();
        var kop = ex.Kop;
        await ex.CloseYear();
        await ex.Approve();
        (await kop.Kasir.Post(kop.Url("shu/2025/distribute"), new { method = "cash", businessDate = "2026-03-20" }))
            .ShouldBe(HttpStatusCode.OK).String("status").Should().Be("distributed");
        var before = (await kop.Pengawas.Get(kop.Url("shu/2025"))).ShouldBe(HttpStatusCode.OK);
        var budiBefore = (await kop.Pengawas.Get(kop.Url($"shu/2025/members/{ex.Budi}"))).ShouldBe(HttpStatusCode.OK);

        // 2026 touches every figure Budi's 2025 SHU was computed from: interest on a new loan, a purchase, a wajib deposit,
        // and a manual journal that corrects a 2025 expense (rent was 1,000,000 too high), dated 2026 as it must be.
        var loan = await kop.ActiveLoan(ex.Budi, "2026-04-01", 30_000_000m, periods: 6, rate: 24m, method: "flat", channel: "transfer");
        (await kop.Pay(loan, 5_600_000m, "2026-05-01")).Json["allocation"]!["interest"]!.GetValue<decimal>().Should().Be(600_000m);
        (await kop.CounterSale("2026-05-02", ex.Budi, (ex.Beras, 10m))).Decimal("total").Should().Be(1_000_000m);
        await kop.Deposit(ex.Budi, "wajib", 1_000_000m, "2026-05-04");
        var rentEntry = (await kop.Pengawas.Get(kop.Url("ledger/journal?from=2025-01-01&to=2025-12-31&account=5-3100"))).ShouldBe(HttpStatusCode.OK)
            .Json["entries"]!.AsArray().Single(e => e!["reference"]?.GetValue<Guid>() == ex.RentAdjustment)!["entryId"]!.GetValue<Guid>();
        var correction = (await kop.Pengurus.Post(kop.Url("ledger/adjustments"), new
        {
            businessDate = "2026-05-05", description = "Koreksi sewa kantor 2025 (kelebihan dikembalikan pemilik)", corrects = rentEntry,
            lines = new object[] { new { accountCode = "1-1010", debit = 1_000_000m, credit = 0m }, new { accountCode = "5-3100", debit = 0m, credit = 1_000_000m } },
        })).ShouldBe(HttpStatusCode.Accepted).Guid("adjustmentId");
        (await kop.Pengurus2.Post(kop.Url($"ledger/adjustments/{correction}/approve"))).ShouldBe(HttpStatusCode.OK);

        // They did land, in 2026: Budi's interest and purchase in the 2026 income statement, his capital now 6,000,000.
        var phu2026 = (await kop.Pengawas.Get(kop.Url("reports/income-statement?from=2026-01-01&to=2026-05-31"))).ShouldBe(HttpStatusCode.OK);
        phu2026.Json["member"]!["revenues"]!["total"]!.GetValue<decimal>().Should().Be(1_600_000m, "600,000 interest and 1,000,000 sales");
        var budiNow = await kop.Statement(ex.Budi);
        (budiNow.Json["balances"]!["pokok"]!.GetValue<decimal>() + budiNow.Json["balances"]!["wajib"]!.GetValue<decimal>()).Should().Be(6_000_000m);

        // 2025 says what it said: the year, Budi's page, and the recomputation, which reads only 2025.
        var after = (await kop.Pengawas.Get(kop.Url("shu/2025"))).ShouldBe(HttpStatusCode.OK);
        after.Json["decision"]!.ToJsonString().Should().Be(before.Json["decision"]!.ToJsonString());
        after.Json["recomputedMatchesDecision"]!.GetValue<bool>().Should().BeTrue(after.Text);
        var budiAfter = (await kop.Pengawas.Get(kop.Url($"shu/2025/members/{ex.Budi}"))).ShouldBe(HttpStatusCode.OK);
        budiAfter.Text.Should().Be(budiBefore.Text);
        budiAfter.Json["basis"]!["loan_interest"]!.GetValue<decimal>().Should().Be(3_600_000m);
        budiAfter.Json["basis"]!["purchases"]!.GetValue<decimal>().Should().Be(12_000_000m);
        budiAfter.Json["basis"]!["capital"]!.GetValue<decimal>().Should().Be(5_000_000m);
        budiAfter.Decimal("total").Should().Be(650_000m);
        // A new simulation of 2025 from the live ledger agrees too.
        var again = (await kop.Pengawas.Post(kop.Url("shu/2025/simulate"), new { buckets = DomainExample.Buckets })).ShouldBe(HttpStatusCode.OK);
        again.Json["members"]!.ToJsonString().Should().Be(before.Json["decision"]!["members"]!.ToJsonString());
        await BookChecks.CheckInvariants(kop, ex.Members, "2025-12-31", "2026-05-31");

        // Simulated corruption 1: somebody raises the 2025 salaries in the ledger tables by 1,000,000 (both sides, so
        // the books still balance). The SHU recomputed from the ledger is 119,000,000: named, with what follows from it;
        // the members' basis figures, recomputed from the events, are untouched.
        await Sql(kop, """
            update ekopz.ledger_lines set debit = debit + 1000000 where tenant_id = @t and business_date = '2025-12-20' and account_code = '5-3000';
            update ekopz.ledger_lines set credit = credit + 1000000 where tenant_id = @t and business_date = '2025-12-20' and account_code = '1-1010';
            update ekopz.ledger_daily set debit = debit + 1000000 where tenant_id = @t and business_date = '2025-12-20' and account_code = '5-3000';
            update ekopz.ledger_daily set credit = credit + 1000000 where tenant_id = @t and business_date = '2025-12-20' and account_code = '1-1010';
            """);
        var tampered = (await kop.Pengawas.Get(kop.Url("shu/2025"))).ShouldBe(HttpStatusCode.OK);
        tampered.Json["recomputedMatchesDecision"]!.GetValue<bool>().Should().BeFalse();
        var differences = Differences(tampered);
        differences["shuTotal"].Should().Be((120_000_000m, 119_000_000m));
        differences.Should().ContainKey("memberPart");
        differences.Keys.Should().NotContain(k => k.Contains(".basis."), "the basis comes from the events, which nobody touched");
        tampered.Json["decision"]!.ToJsonString().Should().Be(before.Json["decision"]!.ToJsonString(), "the decision itself never changes");

        // Simulated corruption 2: the event of one of Budi's 2025 payments now says 700,000 interest instead of 600,000.
        // The ledger does not know (it was posted from the true event), but the basis recomputed from the events does.
        var budiNumber = budiBefore.String("memberNumber");
        await Sql(kop, """
            update ekopz.mt_events set data = jsonb_set(data, '{interest}', '700000')
            where tenant_id = @t and type = 'loan_payment_received' and data->>'memberId' = @m and data->'meta'->>'businessDate' = '2025-03-03';
            """, ("m", ex.Budi.ToString()));
        differences = Differences((await kop.Pengawas.Get(kop.Url("shu/2025"))).ShouldBe(HttpStatusCode.OK));
        differences[$"members[{budiNumber}].basis.loan_interest"].Should().Be((3_600_000m, 3_700_000m));
        differences["buckets[Jasa usaha USP].basisTotal"].Should().Be((180_000_000m, 180_100_000m));
        differences["shuTotal"].Should().Be((120_000_000m, 119_000_000m));
    }

    private static Dictionary<string, (decimal Decided, decimal Recomputed)> Differences(Reply year) =>
        year.Json["differences"]!.AsArray().ToDictionary(d => d!["figure"]!.GetValue<string>(),
            d => (d!["decided"]!.GetValue<decimal>(), d["recomputed"]!.GetValue<decimal>()));

    /// <summary>Changes the koperasi's rows behind the API's back, as a corrupted database would; each statement must touch one row.</summary>
    private static async Task Sql(TestKoperasi kop, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(EkopzApp.ConnectionString);
        await connection.OpenAsync();
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = new NpgsqlCommand(statement, connection);
            command.Parameters.AddWithValue("t", kop.Slug);
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
            (await command.ExecuteNonQueryAsync()).Should().Be(1, statement);
        }
    }
}
