using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Books;

/// <summary>
/// A pengurus who taps "Ajukan" several times (or a client that retries on a slow line) sends one manual journal with one
/// Idempotency-Key many times at once. Each proposal starts a stream of its own, so nothing locks them against each other:
/// the twins collide on the key's record and the losers, run again, answer the winner's answer (docs/adr/0037).
/// </summary>
public class when_a_journal_is_proposed_many_times_at_once
{
    [Fact]
    public async Task the_same_proposal_sent_eight_times_at_once_records_one_journal_and_the_books_balance()
    {
        var kop = await TestKoperasi.Create();
        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        var proposal = new
        {
            businessDate = today, description = "Hibah dari pemda",
            lines = new[] { new { accountCode = "1-1010", debit = 5_000_000m, credit = 0m }, new { accountCode = "3-1300", debit = 0m, credit = 5_000_000m } },
        };

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            kop.Pengurus.Post(kop.Url("ledger/adjustments"), proposal, idempotencyKey: "jurnal-hibah-1")));

        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Accepted, string.Join("\n", replies.Select(r => r.Text)));
        replies.Select(r => r.Text).Distinct().Should().HaveCount(1, "every submit gets the one original answer");
        replies.Count(r => r.Headers.ContainsKey("Idempotent-Replayed")).Should().Be(7);
        var listed = (await kop.Pengawas.Get(kop.Url("ledger/adjustments"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        listed.Should().ContainSingle("one journal was proposed, however many times it was sent")
            .Which!["adjustmentId"]!.GetValue<Guid>().Should().Be(replies[0].Guid("adjustmentId"));

        // Approved, it posts once: the grant is in the books once and they balance.
        (await kop.Pengurus2.Post(kop.Url($"ledger/adjustments/{replies[0].Guid("adjustmentId")}/approve"))).ShouldBe(HttpStatusCode.OK);
        var tb = await BookChecks.TrialBalance(kop, today);
        (tb.Of("1-1010"), tb.Of("3-1300")).Should().Be((5_000_000m, -5_000_000m));
        await BookChecks.CheckInvariants(kop, [], today);
    }
}
