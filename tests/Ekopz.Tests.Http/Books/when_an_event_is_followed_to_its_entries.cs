using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Books;

/// <summary>The other way round from a drill-down: from a business event to the journal entries it posted.</summary>
public sealed class when_an_event_is_followed_to_its_entries
{
    [Fact]
    public async Task a_deposit_event_lists_its_one_balanced_entry_and_a_registration_lists_none()
    {
        var kop = await TestKoperasi.Create();
        var member = await kop.ActiveMember("Rudi");
        await kop.Deposit(member, "sukarela", 75_000m);
        var lines = (await kop.Statement(member)).Json["lines"]!.AsArray();
        var sukarela = lines.Single(l => l!["kind"]!.GetValue<string>() == "sukarela")!;
        var eventId = sukarela["eventId"]!.GetValue<string>();

        var entries = (await kop.Pengawas.Get(kop.Url($"events/{eventId}/entries"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        entries.Should().HaveCount(1);
        var entry = entries[0]!;
        entry["eventId"]!.GetValue<string>().Should().Be(eventId);
        entry["totalDebit"]!.GetValue<decimal>().Should().Be(75_000m).And.Be(entry["totalCredit"]!.GetValue<decimal>());
        entry["lines"]!.AsArray().Select(l => l!["accountCode"]!.GetValue<string>()).Should().BeEquivalentTo(["1-1000", "2-1000"]);
        entry["actor"]!.GetValue<string>().Should().Be(kop.Kasir.Username);

        // The member's registration moved no money: no entry. An unknown event likewise.
        var registration = (await kop.Pengawas.Get(kop.Url($"ledger/journal?from=2000-01-01&to=2100-01-01"))).ShouldBe(HttpStatusCode.OK);
        registration.Json["entries"]!.AsArray().Should().NotBeEmpty();
        (await kop.Pengawas.Get(kop.Url($"events/{Guid.NewGuid()}/entries"))).ShouldBe(HttpStatusCode.OK).Json.AsArray().Should().BeEmpty();

        // Another koperasi's pengawas does not see it.
        var other = await TestKoperasi.Create();
        (await other.Pengawas.Get(kop.Url($"events/{eventId}/entries"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }
}
