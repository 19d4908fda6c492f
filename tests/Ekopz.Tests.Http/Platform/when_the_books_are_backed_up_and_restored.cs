using System.Net;
using Ekopz.Tests.Http.Support;
using Npgsql;

namespace Ekopz.Tests.Http.Platform;

/// <summary>
/// The restore drill (issue 11, docs/adr/0019): ./ekopz backup, ./ekopz restore into a fresh database, then a
/// host on the restored database answers every report exactly as the original did, and the books verify.
/// </summary>
public sealed class when_the_books_are_backed_up_and_restored
{
    [Fact]
    public async Task a_restored_database_answers_every_report_as_the_original_and_verifies()
    {
        var kop = await TestKoperasi.Create();
        var a = await kop.MemberSince("2025-02-03", "Ani");
        var b = await kop.MemberSince("2025-02-04", "Bayu");
        await kop.Deposit(a, "wajib", 25_000m, "2025-02-05");
        await kop.Deposit(b, "sukarela", 750_000m, "2025-03-01", "transfer");
        await kop.Adjust("2025-02-10", "Hibah", ("1-1010", 10_000_000m, 0m), ("3-1300", 0m, 10_000_000m));
        var loan = (await kop.Pengurus.Post(kop.Url($"members/{a}/loans"), new { principal = 1_000_000m, periods = 10, annualRate = 12m, method = "flat", businessDate = "2025-03-02" }))
            .ShouldBe(HttpStatusCode.Created).Guid("loanId");
        (await kop.Pengurus2.Post(kop.Url($"loans/{loan}/approve"), new { businessDate = "2025-03-02" })).ShouldBe(HttpStatusCode.OK);
        (await kop.Kasir.Post(kop.Url($"loans/{loan}/disburse"), new { businessDate = "2025-03-02" })).ShouldBe(HttpStatusCode.OK);
        (await kop.Kasir.Post(kop.Url($"loans/{loan}/payments"), new { amount = 110_000m, businessDate = "2025-04-02" })).ShouldBe(HttpStatusCode.Created);
        (await kop.Pengurus.Post(kop.Url("periods/2025-02/close"))).ShouldBe(HttpStatusCode.OK);

        var reports = new[]
        {
            "ledger/trial-balance?asOf=2025-12-31", "reports/balance-sheet?asOf=2025-12-31", "reports/income-statement?from=2025-01-01&to=2025-12-31",
            "reports/cash-flow?from=2025-01-01&to=2025-12-31", "reports/equity-changes?from=2025-01-01&to=2025-12-31",
            "ledger/journal?from=2025-01-01&to=2025-12-31&pageSize=1000", $"members/{a}/statement", $"members/{b}/statement",
            $"loans/{loan}?asOf=2025-12-31", "reports/loan-portfolio?asOf=2025-12-31", "periods/2025-02", "members",
        };
        var original = new Dictionary<string, string>();
        foreach (var r in reports) original[r] = (await kop.Pengawas.Get(kop.Url(r))).ShouldBe(HttpStatusCode.OK).Text;

        var file = Path.Combine(Path.GetTempPath(), $"ekopz-drill-{Guid.NewGuid():N}.dump");
        var drillDb = $"ekopz_drill_{Guid.NewGuid():N}"[..24];
        var drill = new NpgsqlConnectionStringBuilder(EkopzApp.ConnectionString) { Database = drillDb }.ConnectionString;
        try
        {
            var backup = await ProjectScript.Run(new Dictionary<string, string> { ["EKOPZ_DB"] = EkopzApp.ConnectionString }, "backup", file);
            backup.Exit.Should().Be(0, backup.Err);
            File.Exists(file).Should().BeTrue();
            var restore = await ProjectScript.Run(new Dictionary<string, string> { ["EKOPZ_DB"] = drill }, "restore", file);
            restore.Exit.Should().Be(0, restore.Err);
            // Restoring over an existing database needs --replace: nothing is overwritten by mistake.
            (await ProjectScript.Run(new Dictionary<string, string> { ["EKOPZ_DB"] = drill }, "restore", file)).Exit.Should().NotBe(0);

            await using var restored = new EkopzApp(new Dictionary<string, string> { ["EKOPZ_DB"] = drill });
            var there = kop.On(restored);
            foreach (var r in reports)
                (await there.Pengawas.Get(there.Url(r))).ShouldBe(HttpStatusCode.OK).Text.Should().Be(original[r], $"{r} after the restore");
            var verification = (await there.Pengawas.Get(there.Url("ledger/verification"))).ShouldBe(HttpStatusCode.OK);
            verification.Json["ledgerMatchesEvents"]!.GetValue<bool>().Should().BeTrue(verification.Text);
            verification.Json["allPeriodsMatch"]!.GetValue<bool>().Should().BeTrue(verification.Text);
            verification.Json["dailyTotalsMatchLines"]!.GetValue<bool>().Should().BeTrue(verification.Text);
        }
        finally
        {
            File.Delete(file);
            NpgsqlConnection.ClearAllPools();
            await DirectSql.ExecuteOn(EkopzApp.ConnectionString, $"drop database if exists {drillDb} with (force)");
        }
    }
}
