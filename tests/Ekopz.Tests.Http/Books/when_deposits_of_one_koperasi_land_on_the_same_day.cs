using System.Net;
using Ekopz.Tests.Http.Support;
using Npgsql;
using static Ekopz.Tests.Http.Support.DirectSql;

namespace Ekopz.Tests.Http.Books;

/// <summary>
/// Every deposit of a koperasi on one day adds to the same daily totals (its cash account, its sukarela account).
/// Those totals are spread over stripe rows (docs/adr/0032): a posting never queues behind another transaction that
/// holds the day's total of the same account, and every reading still sums to the exact figures.
/// </summary>
public class when_deposits_of_one_koperasi_land_on_the_same_day
{
    [Fact]
    public async Task a_deposit_does_not_wait_for_a_transaction_holding_the_days_totals_and_the_books_still_add_up()
    {
        var kop = await TestKoperasi.Create();
        var member = await kop.ActiveMember("Serentak");
        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        await kop.Deposit(member, "sukarela", 10_000m, channel: "counter");
        var date = DateOnly.Parse(today);
        (await Rows(kop.Slug, "2-1000", date)).Should().Be(1, "without contention the day's total is one row, as before");

        // Another transaction holds every total of the day, as a posting still in flight does until it commits.
        await using var blocker = new NpgsqlConnection(EkopzApp.ConnectionString);
        await blocker.OpenAsync();
        await using var tx = await blocker.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand(
            $"with held as (select 1 from {Schema}.ledger_daily where tenant_id = @t and business_date = @d for update) select count(*) from held", blocker, tx))
        {
            hold.Parameters.AddWithValue("t", kop.Slug);
            hold.Parameters.AddWithValue("d", date);
            ((long)(await hold.ExecuteScalarAsync())!).Should().BeGreaterThan(1);
        }

        var deposit = kop.Kasir.Post(kop.Url($"members/{member}/savings/sukarela/deposits"), new { amount = 2_500.5m, channel = "counter" });
        // It completes while the other transaction still holds its rows: it added to a stripe row nobody holds. (Before
        // the stripes it queued behind the held row until that transaction ended, and this wait timed out.)
        (await deposit.WaitAsync(TimeSpan.FromSeconds(90))).ShouldBe(HttpStatusCode.Created);
        await tx.RollbackAsync();

        // The day's sukarela total now spans two rows, and every reading sums them exactly.
        (await Rows(kop.Slug, "2-1000", date)).Should().Be(2);
        var tb = await BookChecks.TrialBalance(kop, today);
        (-tb.Of("2-1000")).Should().Be(12_500.5m);
        var verification = (await kop.Pengawas.Get(kop.Url("ledger/verification"))).ShouldBe(HttpStatusCode.OK).Json;
        verification["dailyTotalsMatchLines"]!.GetValue<bool>().Should().BeTrue(verification.ToJsonString());
        verification["ledgerMatchesEvents"]!.GetValue<bool>().Should().BeTrue(verification.ToJsonString());
        var journal = (await kop.Pengawas.Get(kop.Url($"ledger/journal?from={today}&to={today}&account=2-1000"))).ShouldBe(HttpStatusCode.OK);
        journal.Json["totalEntries"]!.GetValue<int>().Should().Be(2);
        await BookChecks.CheckInvariants(kop, [member], today);
    }

    private static async Task<long> Rows(string tenant, string account, DateOnly date)
    {
        await using var connection = new NpgsqlConnection(EkopzApp.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select count(*) from {Schema}.ledger_daily where tenant_id = @t and account_code = @a and business_date = @d", connection);
        command.Parameters.AddWithValue("t", tenant);
        command.Parameters.AddWithValue("a", account);
        command.Parameters.AddWithValue("d", date);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
