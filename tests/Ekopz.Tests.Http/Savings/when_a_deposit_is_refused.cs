using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Savings;

/// <summary>Every bad input gets problem details with a stable code, and changes nothing.</summary>
public class when_a_deposit_is_refused : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _member;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        _member = await _kop.ActiveMember();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Deposits(string kind = "wajib") => _kop.Url($"members/{_member}/savings/{kind}/deposits");

    private async Task<string> Snapshot() => (await _kop.Pengawas.Get(_kop.Url($"members/{_member}/statement"))).ShouldBe(HttpStatusCode.OK).Text;

    [Theory]
    [InlineData("{\"amount\":0}", "amount")]
    [InlineData("{\"amount\":-25000}", "amount")]
    [InlineData("{\"amount\":25000.001}", "amount")]
    [InlineData("{\"amount\":1e20}", "amount")]
    [InlineData("{}", "amount")]
    [InlineData("", "amount")] // an empty body is {} (api.md), so the answer names the missing field
    [InlineData(" \n", "amount")]
    [InlineData("{\"amount\":\"25000\"}", "amount")]
    [InlineData("{\"amount\":25000,\"businessDate\":\"2026-02-30\"}", "businessDate")]
    [InlineData("{\"amount\":25000,\"businessDate\":\"2999-01-01\"}", "businessDate")]
    [InlineData("{\"amount\":25000,\"channel\":\"pigeon\"}", "channel")]
    public async Task bad_input_is_400_validation_failed_and_changes_nothing(string json, string field)
    {
        var before = await Snapshot();
        var reply = (await _kop.Kasir.PostRaw(Deposits(), json)).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        reply.Json["errors"]!.AsObject().Select(e => e.Key).Should().Contain(field);
        (await Snapshot()).Should().Be(before);
    }

    [Theory]
    [InlineData("{\"amount\":")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    public async Task malformed_json_is_400_validation_failed(string json)
    {
        var before = await Snapshot();
        (await _kop.Kasir.PostRaw(Deposits(), json)).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await Snapshot()).Should().Be(before);
    }

    [Fact]
    public async Task an_unknown_kind_is_400()
    {
        (await _kop.Kasir.Post(Deposits("emas"), new { amount = 1000 })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task an_unknown_member_is_404()
    {
        (await _kop.Kasir.Post(_kop.Url($"members/{Guid.NewGuid()}/savings/wajib/deposits"), new { amount = 1000 }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task paying_more_pokok_than_is_due_is_422_and_changes_nothing()
    {
        var before = await Snapshot();
        (await _kop.Kasir.Post(Deposits("pokok"), new { amount = 1 })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await Snapshot()).Should().Be(before);
    }

    [Fact]
    public async Task an_applicant_cannot_pay_wajib_before_pokok()
    {
        var applicant = await _kop.Register();
        (await _kop.Kasir.Post(_kop.Url($"members/{applicant}/savings/wajib/deposits"), new { amount = 25_000 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await _kop.Kasir.Post(_kop.Url($"members/{applicant}/savings/pokok/deposits"), new { amount = 100_001 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        var member = (await _kop.Kasir.Get(_kop.Url($"members/{applicant}"))).ShouldBe(HttpStatusCode.OK);
        member.String("status").Should().Be("applicant");
        member.Json["balances"]!["pokok"]!.GetValue<decimal>().Should().Be(0m);
    }

    [Theory]
    [InlineData("{\"name\":\"A\",\"nik\":\"12345\"}", "nik")]
    [InlineData("{\"name\":\"A\",\"nik\":\"32010115018000AB\"}", "nik")]
    [InlineData("{\"name\":\"A\",\"nik\":\"0001011501800001\"}", "nik")]
    [InlineData("{\"name\":\"\",\"nik\":\"3201011501809999\"}", "name")]
    [InlineData("{\"name\":\"A\",\"nik\":\"3201011501809998\",\"phone\":\"abc\"}", "phone")]
    public async Task a_bad_registration_is_400_and_registers_nobody(string json, string field)
    {
        var before = (await _kop.Kasir.Get(_kop.Url("members"))).ShouldBe(HttpStatusCode.OK).Json["total"]!.GetValue<long>();
        var reply = (await _kop.Kasir.PostRaw(_kop.Url("members"), json)).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        reply.Json["errors"]!.AsObject().Select(e => e.Key).Should().Contain(field);
        (await _kop.Kasir.Get(_kop.Url("members"))).Json["total"]!.GetValue<long>().Should().Be(before);
    }

    [Fact]
    public async Task a_duplicate_nik_is_409_conflict()
    {
        var nik = TestKoperasi.NewNik();
        await _kop.Register(nik: nik);
        var before = (await _kop.Kasir.Get(_kop.Url("members"))).Json["total"]!.GetValue<long>();
        var reply = (await _kop.Kasir.Post(_kop.Url("members"), new { name = "Lagi", nik })).ShouldBeProblem(HttpStatusCode.Conflict, "conflict");
        reply.Json["errors"]!["nik"].Should().NotBeNull();
        (await _kop.Kasir.Get(_kop.Url("members"))).Json["total"]!.GetValue<long>().Should().Be(before, "nobody was registered");
    }

    [Fact]
    public async Task the_same_nik_may_exist_in_another_koperasi()
    {
        var nik = TestKoperasi.NewNik();
        await _kop.Register(nik: nik);
        var other = await TestKoperasi.Create();
        (await other.Kasir.Post(other.Url("members"), new { name = "Sama", nik })).ShouldBe(HttpStatusCode.Created);
    }
}
