using System.Net;
using System.Text.Json.Nodes;
using Ekopz.Tests.Http.Loans;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Members;

/// <summary>"Check your answers": the exit's figures before it is recorded, from the same decision, recording nothing.</summary>
public class when_a_member_exit_is_previewed : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _member;
    private string _start = null!;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        _start = LoanKit.DaysAgo(75);
        await _kop.Capital(100_000_000m, LoanKit.Plus(_start, days: -5));
        _member = await _kop.MemberSince(LoanKit.Plus(_start, days: -5), "Akan Pindah");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(long Events, long Lines, long Entries, string Statement, string Member, string TrialBalance)> Snapshot() =>
        (await DirectSql.CountFor("mt_events", _kop.Slug), await DirectSql.CountFor("ledger_lines", _kop.Slug),
            await DirectSql.CountFor("ledger_entries", _kop.Slug), (await _kop.Statement(_member)).Text,
            (await _kop.Pengurus.Get(_kop.Url($"members/{_member}"))).ShouldBe(HttpStatusCode.OK).Text,
            (await _kop.Pengawas.Get(_kop.Url("ledger/trial-balance"))).ShouldBe(HttpStatusCode.OK).Text);

    /// <summary>The answer without the transaction id, for comparing a preview with the exit it foretold.</summary>
    private static string Figures(Reply reply)
    {
        var json = reply.Json.AsObject();
        json.Remove("transactionId");
        return json.ToJsonString();
    }

    [Fact]
    public async Task the_preview_shows_the_refund_net_of_the_loan_records_nothing_and_the_exit_then_matches_it()
    {
        await _kop.Deposit(_member, "wajib", 25_000m, _start);
        await _kop.Deposit(_member, "sukarela", 5_000_000m, _start);
        var loan = await _kop.ActiveLoan(_member, _start, 3_000_000m, 6);
        await _kop.Pay(loan, 545_000m, LoanKit.Plus(_start, months: 1));
        var loanBefore = (await _kop.Loan(loan)).Text;
        var before = await Snapshot();
        var body = new { reason = "pindah ke Medan", channel = "transfer" };

        var preview = (await _kop.Pengurus.Post(_kop.Url($"members/{_member}/exit/preview"), body, idempotencyKey: "exit-1"))
            .ShouldBe(HttpStatusCode.OK);
        preview.Json["transactionId"].Should().BeNull();
        preview.String("status").Should().Be("exited");
        preview.Json["refund"]!.ToJsonString().Should().Be("{\"pokok\":100000,\"wajib\":25000,\"sukarela\":5000000,\"total\":5125000}");
        preview.Json["offsets"]!.AsArray().Select(o => (o!["kind"]!.GetValue<string>(), o["amount"]!.GetValue<decimal>()))
            .Should().BeEquivalentTo(new[] { ("loan.receivable", 2_500_000m), ("loan.interest_income", 45_000m) });
        preview.Decimal("netPaid").Should().Be(5_125_000m - 2_545_000m);
        preview.Json["paidTo"].Should().NotBeNull();
        preview.Json["warnings"]!.AsArray().Should().NotBeNull();

        // Nothing recorded: no event, no journal line, the member, the loan, the statement and the books as they were.
        (await Snapshot()).Should().Be(before);
        (await _kop.Loan(loan)).Text.Should().Be(loanBefore);
        // A preview twice answers the same.
        Figures((await _kop.Pengurus.Post(_kop.Url($"members/{_member}/exit/preview"), body)).ShouldBe(HttpStatusCode.OK)).Should().Be(Figures(preview));

        // The exit itself, even under the Idempotency-Key the preview was sent with (a preview stores no answer to replay).
        var exit = (await _kop.Pengurus.Post(_kop.Url($"members/{_member}/exit"), body, idempotencyKey: "exit-1")).ShouldBe(HttpStatusCode.OK);
        exit.Headers.Should().NotContainKey("Idempotent-Replayed");
        exit.Guid("transactionId").Should().NotBeEmpty();
        Figures(exit).Should().Be(Figures(preview));
        (await DirectSql.CountFor("mt_events", _kop.Slug)).Should().BeGreaterThan(before.Events);
        (await _kop.Loan(loan)).String("status").Should().Be("settled_at_exit");

        // After the exit the preview answers what the exit would: it may not happen twice.
        (await _kop.Pengurus.Post(_kop.Url($"members/{_member}/exit/preview"), body)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
    }

    [Fact]
    public async Task the_preview_refuses_what_the_exit_would_refuse_and_only_a_pengurus_may_ask()
    {
        var member = await _kop.MemberSince(LoanKit.Plus(_start, days: -5), "Berutang");
        await _kop.ActiveLoan(member, _start, 3_000_000m, 6);
        (await _kop.Pengurus.Post(_kop.Url($"members/{member}/exit/preview"), new { reason = "pindah" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");
        (await _kop.Pengurus.Post(_kop.Url($"members/{member}/exit/preview"), new { reason = "meninggal", deceased = true }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _kop.Pengurus.Post(_kop.Url($"members/{Guid.NewGuid()}/exit/preview"), new { reason = "x" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await _kop.Pengurus.Post(_kop.Url($"members/{member}/exit/preview"), new { reason = "x", businessDate = LoanKit.Plus(LoanKit.Today, days: 1) }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        foreach (var user in new[] { _kop.Kasir, _kop.Pengawas, _kop.Toko })
            (await user.Post(_kop.Url($"members/{member}/exit/preview"), new { reason = "x" })).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _kop.Pengurus.Get(_kop.Url($"members/{member}"))).String("status").Should().Be("active");
    }
}
