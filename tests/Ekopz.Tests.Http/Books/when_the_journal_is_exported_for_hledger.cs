using System.Diagnostics;
using System.Globalization;
using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Books;

/// <summary>
/// An auditor checks the books with a tool no one here wrote: Debian's hledger reads the plain-text export and its
/// balance report must equal Ekopz's trial balance to the rupiah (docs/adr/0029). ./ekopz installs hledger.
/// </summary>
public class when_the_journal_is_exported_for_hledger
{
    [Fact]
    public async Task hledger_balances_the_export_exactly_as_the_trial_balance()
    {
        var kop = await TestKoperasi.Create();
        var m = await kop.MemberSince("2025-01-06", "Siti; Aminah: Anggota");
        await kop.Deposit(m, "sukarela", 10_000_000m, "2025-01-07");
        (await kop.Pengurus.Post(kop.Url("savings/interest-runs"), new { month = "2025-01", annualRate = 6 })).ShouldBe(HttpStatusCode.Created);
        await kop.Adjust("2025-02-14", "Biaya listrik; Februari: kantor  (dua spasi)", ("5-3000", 123_456.78m, 0m), ("1-1000", 0m, 123_456.78m));
        await kop.Deposit(m, "wajib", 25_000m, "2025-02-20");
        await kop.Adjust("2025-03-03", "Setor kas ke bank", ("1-1010", 150_000.5m, 0m), ("1-1000", 0m, 150_000.5m));
        await kop.Deposit(m, "sukarela", 0.25m + 333m, "2025-03-31");

        // Kasir may not read the journal; the pengawas may.
        (await kop.Kasir.Get(kop.Url("ledger/export.journal?from=2025-02-01&to=2025-03-31"))).Status.Should().Be(HttpStatusCode.Forbidden);
        var export = await kop.Pengawas.Get(kop.Url("ledger/export.journal?from=2025-02-01&to=2025-03-31"));
        export.ShouldBe(HttpStatusCode.OK);
        export.ContentType.Should().StartWith("text/plain");
        export.Text.Should().Contain("Saldo awal", "balances before February open the file");
        export.Text.Should().NotContain("2025-01-07", "January's entries are summed in the opening, not listed");

        var file = Path.Combine(Path.GetTempPath(), $"ekopz-{Guid.NewGuid():N}.journal");
        await File.WriteAllTextAsync(file, export.Text);
        try
        {
            // At the end of the period, and at a date inside it.
            foreach (var (asOf, end) in new[] { ("2025-03-31", "2025-04-01"), ("2025-02-28", "2025-03-01"), ("2025-02-14", "2025-02-15") })
            {
                var tb = await BookChecks.TrialBalance(kop, asOf);
                var hledger = await Hledger(file, "bal", "-O", "csv", "--flat", "--no-total", "-e", end);
                hledger.Where(kv => kv.Value != 0).Should().BeEquivalentTo(tb.Where(kv => kv.Value != 0), $"hledger's balance at {asOf} is the trial balance");
                tb.Should().NotBeEmpty();
            }
            // hledger's own check that every transaction balances (it refuses to read a file otherwise) and the totals agree.
            var total = await Hledger(file, "bal", "-O", "csv", "--flat", "--no-total");
            total.Values.Sum().Should().Be(0m);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs hledger on the file; its CSV balance report as account code → balance (debit positive).</summary>
    private static async Task<Dictionary<string, decimal>> Hledger(string file, params string[] args)
    {
        var start = new ProcessStartInfo("hledger", ["-f", file, .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("hledger did not start: ./ekopz installs it (apt-get install hledger).");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, await stderr);
        var result = new Dictionary<string, decimal>();
        foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            // "Aset:1-1000 Kas","9876543.22 IDR"
            var cells = line.Split("\",\"");
            var account = cells[0].Trim('"');
            var amount = cells[1].Trim().Trim('"').Replace("IDR", "", StringComparison.Ordinal).Trim();
            var code = account[(account.IndexOf(':') + 1)..].Split(' ')[0];
            result[code] = decimal.Parse(amount, NumberStyles.Number, CultureInfo.InvariantCulture);
        }
        return result;
    }
}
