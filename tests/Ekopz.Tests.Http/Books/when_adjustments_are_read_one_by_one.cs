using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Books;

/// <summary>
/// What an approver (or an auditor) reads of a manual journal: the ones still waiting, one journal with its
/// lines, and once approved the journal entry it posted, so the console can lead from the proposal to the books.
/// </summary>
public class when_adjustments_are_read_one_by_one
{
    [Fact]
    public async Task the_waiting_ones_are_listed_apart_and_an_approved_one_names_its_entry()
    {
        var kop = await TestKoperasi.Create();
        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        var approved = await kop.Adjust(today, "Hibah dari pemda", ("1-1010", 1_000_000m, 0m), ("3-1300", 0m, 1_000_000m));
        var waiting = (await kop.Pengurus.Post(kop.Url("ledger/adjustments"), new
        {
            businessDate = today, description = "Listrik",
            lines = new[] { new { accountCode = "5-3200", debit = 150_000m, credit = 0m }, new { accountCode = "1-1000", debit = 0m, credit = 150_000m } },
        })).ShouldBe(HttpStatusCode.Accepted).Guid("adjustmentId");

        var requested = (await kop.Pengawas.Get(kop.Url("ledger/adjustments?status=requested"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        requested.Select(a => a!["adjustmentId"]!.GetValue<string>()).Should().Equal(waiting.ToString());
        (await kop.Pengawas.Get(kop.Url("ledger/adjustments"))).ShouldBe(HttpStatusCode.OK).Json.AsArray().Should().HaveCount(2);
        (await kop.Pengawas.Get(kop.Url("ledger/adjustments?status=maybe"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");

        var one = (await kop.Pengawas.Get(kop.Url($"ledger/adjustments/{waiting}"))).ShouldBe(HttpStatusCode.OK);
        one.String("status").Should().Be("requested");
        one.String("requestedBy").Should().StartWith("pengurus.");
        one.Json["lines"]!.AsArray().Should().HaveCount(2);
        one.Json["entryId"].Should().BeNull("nothing is posted before approval");

        var posted = (await kop.Pengawas.Get(kop.Url($"ledger/adjustments/{approved}"))).ShouldBe(HttpStatusCode.OK);
        posted.String("status").Should().Be("approved");
        posted.String("decidedBy").Should().StartWith("pengurus2.");
        posted.Json["decidedAt"].Should().NotBeNull();
        var entry = (await kop.Pengawas.Get(kop.Url($"ledger/entries/{posted.Guid("entryId")}"))).ShouldBe(HttpStatusCode.OK);
        entry.String("source").Should().Be("JournalVoucherApproved");
        entry.Decimal("totalDebit").Should().Be(1_000_000m);
        (await kop.Pengawas.Get(kop.Url("ledger/adjustments?status=approved"))).ShouldBe(HttpStatusCode.OK).Json.AsArray().Single()!["entryId"]!
            .GetValue<string>().Should().Be(posted.String("entryId"));

        (await kop.Pengawas.Get(kop.Url($"ledger/adjustments/{Guid.NewGuid()}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        var other = await TestKoperasi.Create();
        (await other.Pengawas.Get(other.Url($"ledger/adjustments/{waiting}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }
}
