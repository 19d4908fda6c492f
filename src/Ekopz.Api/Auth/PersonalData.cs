using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ekopz.Api.Auth;

/// <summary>How much of one personal field a caller is shown.</summary>
public enum Disclosure
{
    /// <summary>Not at all: the field keeps its name and is <c>null</c>.</summary>
    Omitted = 0,
    /// <summary>Its last four characters, the rest as <c>*</c>: <c>************1234</c>. The field keeps its name.</summary>
    Masked = 1,
    /// <summary>As stored.</summary>
    Full = 2,
}

/// <summary>
/// The personal fields of a member (NIK, phone, address) and how much of each a caller sees: the one place the table of
/// docs/adr/0017 is written for fields, applied by every view that carries them (<see cref="Members.MemberView"/>) and to
/// raw events (<see cref="Event"/>). Which routes a role reaches at all is the routes' policies (<see cref="Policies"/>).
/// <list type="bullet">
/// <item>pengurus, pengawas, the operator: everything;</item>
/// <item>kasir: the NIK masked to its last 4 digits; phone and address whole (the counter keeps them current and calls the member);</item>
/// <item>pengelola toko (and any other role): nothing; they read no member views, only the lookup's number, name and status;</item>
/// <item>anyone reading their own member (an anggota, or staff who are also that member): everything.</item>
/// </list>
/// Names and member numbers are not personal fields here: every role that reads member data may see them.
/// </summary>
public sealed record PersonalData(Disclosure Nik, Disclosure Phone, Disclosure Address)
{
    public static readonly PersonalData Everything = new(Disclosure.Full, Disclosure.Full, Disclosure.Full);
    public static readonly PersonalData Counter = new(Disclosure.Masked, Disclosure.Full, Disclosure.Full);
    public static readonly PersonalData Nothing = new(Disclosure.Omitted, Disclosure.Omitted, Disclosure.Omitted);

    /// <summary>What one role sees of other members.</summary>
    public static PersonalData OfRole(string role) => role switch
    {
        Roles.Pengurus or Roles.Pengawas or Roles.Admin => Everything,
        Roles.Kasir => Counter,
        _ => Nothing,
    };

    /// <summary>
    /// What <paramref name="caller"/> sees of the member <paramref name="memberId"/> (null: of no member in particular):
    /// their own member whole, anyone else's as much as the most any of their roles sees.
    /// </summary>
    public static PersonalData For(Caller caller, Guid? memberId = null)
    {
        if (memberId is { } id && caller.MemberId == id) return Everything;
        return caller.Roles.Select(OfRole).Aggregate(Nothing, (a, b) => a.Or(b));
    }

    private PersonalData Or(PersonalData other) =>
        new((Disclosure)Math.Max((int)Nik, (int)other.Nik), (Disclosure)Math.Max((int)Phone, (int)other.Phone),
            (Disclosure)Math.Max((int)Address, (int)other.Address));

    public bool SeesEverything => this == Everything;

    /// <summary><paramref name="value"/> as <paramref name="disclosure"/> allows.</summary>
    public static string? Show(Disclosure disclosure, string? value) => disclosure switch
    {
        Disclosure.Full => value,
        Disclosure.Masked => Mask(value),
        _ => null,
    };

    /// <summary>All but the last four characters as <c>*</c>, the length kept: a 16-digit NIK becomes <c>************1234</c>.</summary>
    public static string? Mask(string? value) =>
        value is null ? null : value.Length <= 4 ? new string('*', value.Length) : new string('*', value.Length - 4) + value[^4..];

    /// <summary>
    /// JSON property names that hold a personal field wherever they occur in an event: the member's own fields
    /// (<c>nik</c>, <c>phone</c>, <c>address</c>) and an order's delivery address (<c>shipTo</c>).
    /// </summary>
    private Disclosure? Of(string property) => property.ToLowerInvariant() switch
    {
        "nik" => Nik,
        "phone" => Phone,
        "address" or "shipto" => Address,
        _ => null,
    };

    /// <summary>
    /// An event's data as this caller may see it: every personal field, at any depth, shown as <see cref="Show"/> says.
    /// Unchanged for those who see everything.
    /// </summary>
    public JsonElement Event(JsonElement data)
    {
        if (SeesEverything) return data;
        var node = JsonNode.Parse(data.GetRawText());
        Walk(node);
        return JsonSerializer.SerializeToElement(node);
    }

    private void Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (Of(name) is { } disclosure && value is JsonValue v)
                    {
                        if (disclosure == Disclosure.Full) continue;
                        var text = v.TryGetValue<string>(out var s) ? s : v.ToJsonString();
                        o[name] = Show(disclosure, text) is { } shown ? JsonValue.Create(shown) : null;
                    }
                    else Walk(value);
                }
                break;
            case JsonArray a:
                foreach (var item in a) Walk(item);
                break;
        }
    }
}
