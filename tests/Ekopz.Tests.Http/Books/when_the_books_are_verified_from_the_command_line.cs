using System.Diagnostics;
using Ekopz.Api.Hosting;
using Ekopz.Tests.Http.Support;
using static Ekopz.Tests.Http.Support.DirectSql;

namespace Ekopz.Tests.Http.Books;

/// <summary>
/// <c>./ekopz verify-books [kop]</c>: the same verification as the API, for an auditor at the console, with an
/// exit code a script can act on. Run in-process against the test database, and once as the real program.
/// </summary>
public class when_the_books_are_verified_from_the_command_line
{
    private static async Task<(int ExitCode, string Output)> VerifyBooks(params string[] slugs)
    {
        var output = new StringWriter();
        var exit = await VerifyBooksCommand.Run(EkopzApp.Instance.Services, slugs, output);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task clean_books_pass_and_tampered_books_fail_naming_the_entry_line_and_field()
    {
        var s = await when_the_books_are_tampered_with.Scenario();
        var (exit, output) = await VerifyBooks(s.Kop.Slug);
        exit.Should().Be(0, output);
        output.Should().Contain($"{s.Kop.Slug}: ").And.Contain("ledger matches the events").And.Contain("All books verified.");
        output.Should().MatchRegex(@"2025-01 sealed [0-9a-f]{16}… rebuilt [0-9a-f]{16}… live [0-9a-f]{16}… reported [0-9a-f]{16}… OK");
        output.Should().Contain($"2025-01 sealed {s.Digest[..16]}…");

        (await Execute($"update {Schema}.ledger_lines set credit = 7000000 where tenant_id = @t and entry_id = @e and line_no = 1",
            ("t", s.Kop.Slug), ("e", s.Deposit))).Should().Be(1);
        (exit, output) = await VerifyBooks(s.Kop.Slug);
        exit.Should().Be(1, output);
        output.Should().Contain("1 DIFFERENCES")
            .And.Contain($"entry {s.Deposit} line 1 credit: credit is 7000000.00 in the live ledger but the events say 70000.00")
            .And.Contain("the daily totals DO NOT match the posted lines")
            .And.Contain("2-1000: sealed 0.00/70000.00, in the live ledger lines 0.00/7000000.00")
            .And.Contain("MISMATCH")
            .And.EndWith("Verification FAILED." + Environment.NewLine);
    }

    [Fact]
    public async Task the_program_itself_exits_with_1_for_tampered_books()
    {
        var s = await when_the_books_are_tampered_with.Scenario();
        (await Execute($"update {Schema}.ledger_periods set digest = 'forged' where tenant_id = @t and period = '2025-01'", ("t", s.Kop.Slug)))
            .Should().Be(1);

        // The API assembly as built next to the tests, started as ./ekopz verify-books starts it.
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Ekopz.Api.dll"), "verify-books", s.Kop.Slug])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["EKOPZ_DB"] = EkopzApp.ConnectionString;
        start.Environment["EKOPZ_JWT_KEY"] = "verify-books-does-not-issue-tokens-000000";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout + await stderr;
        process.ExitCode.Should().Be(1, text);
        text.Should().Contain($"{s.Kop.Slug}: ").And.Contain("ledger matches the events")
            .And.Contain($"ledger_periods holds digest forged, the seal {s.Digest}").And.Contain("Verification FAILED.");
    }
}
