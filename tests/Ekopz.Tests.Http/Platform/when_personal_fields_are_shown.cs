using System.Text.Json;
using Ekopz.Api.Auth;

namespace Ekopz.Tests.Http.Platform;

/// <summary>The one rule for personal fields (docs/adr/0017), without a server: masks, several roles, one's own member, events.</summary>
public class when_personal_fields_are_shown
{
    private static readonly Guid Own = Guid.NewGuid();

    private static Caller With(params string[] roles) => new("someone", "kop", roles.ToHashSet(), roles.Contains(Roles.Anggota) ? Own : null);

    [Theory]
    [InlineData("3201015505950005", "************0005")]
    [InlineData("081234567890", "********7890")]
    [InlineData("1234", "****")]
    [InlineData("12", "**")]
    [InlineData("", "")]
    public void a_mask_keeps_the_length_and_the_last_four(string value, string masked) => PersonalData.Mask(value).Should().Be(masked);

    [Fact]
    public void each_role_sees_what_the_table_says_and_several_roles_the_most_of_them()
    {
        PersonalData.For(With(Roles.Pengurus)).Should().Be(PersonalData.Everything);
        PersonalData.For(With(Roles.Pengawas)).Should().Be(PersonalData.Everything);
        PersonalData.For(With(Roles.Admin)).Should().Be(PersonalData.Everything);
        PersonalData.For(With(Roles.Kasir)).Should().Be(new PersonalData(Disclosure.Masked, Disclosure.Full, Disclosure.Full));
        PersonalData.For(With(Roles.PengelolaToko)).Should().Be(PersonalData.Nothing);
        PersonalData.For(With(Roles.Anggota)).Should().Be(PersonalData.Nothing, "an anggota sees no one else");
        PersonalData.For(With(Roles.Kasir, Roles.PengelolaToko)).Should().Be(PersonalData.Counter);
        PersonalData.For(With(Roles.Kasir, Roles.Pengurus)).Should().Be(PersonalData.Everything);
    }

    [Fact]
    public void ones_own_member_is_whole_and_no_one_elses()
    {
        PersonalData.For(With(Roles.Anggota), Own).Should().Be(PersonalData.Everything);
        PersonalData.For(With(Roles.Anggota, Roles.Kasir), Own).Should().Be(PersonalData.Everything);
        PersonalData.For(With(Roles.Anggota, Roles.Kasir), Guid.NewGuid()).Should().Be(PersonalData.Counter, "a kasir who is a member sees others as a kasir");
    }

    [Fact]
    public void an_event_has_its_personal_fields_shown_at_any_depth_and_nothing_else_changed()
    {
        var data = JsonSerializer.SerializeToElement(new
        {
            memberId = Own, name = "Budi", nik = "3201015505950005", phone = "081234567890", address = (string?)null, amount = 5000,
            lines = new[] { new { shipTo = "Jl. Melati 7", quantity = 2 } },
            inner = new { nik = 3201015505950005L, note = "nik 3201" },
        });
        var kasir = PersonalData.Counter.Event(data);
        kasir.GetProperty("nik").GetString().Should().Be("************0005");
        kasir.GetProperty("phone").GetString().Should().Be("081234567890");
        kasir.GetProperty("lines")[0].GetProperty("shipTo").GetString().Should().Be("Jl. Melati 7");
        kasir.GetProperty("name").GetString().Should().Be("Budi");
        kasir.GetProperty("inner").GetProperty("nik").GetString().Should().Be("************0005", "a NIK written as a number is masked too");

        var nobody = PersonalData.Nothing.Event(data);
        nobody.GetProperty("nik").ValueKind.Should().Be(JsonValueKind.Null, "an omitted field keeps its name, as null");
        nobody.GetProperty("phone").ValueKind.Should().Be(JsonValueKind.Null);
        nobody.GetProperty("address").ValueKind.Should().Be(JsonValueKind.Null);
        nobody.GetProperty("lines")[0].GetProperty("shipTo").ValueKind.Should().Be(JsonValueKind.Null);
        nobody.GetProperty("lines")[0].GetProperty("quantity").GetInt32().Should().Be(2);
        nobody.GetProperty("amount").GetInt32().Should().Be(5000);
        nobody.GetProperty("inner").GetProperty("note").GetString().Should().Be("nik 3201");

        PersonalData.Everything.Event(data).GetRawText().Should().Be(data.GetRawText());
    }
}
