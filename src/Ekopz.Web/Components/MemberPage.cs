using Ekopz.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Ekopz.Web.Components;

/// <summary>
/// A page of MyKoperasi, the member's own portal under <c>/saya</c> (docs/adr/0021): always about the signed-in
/// person's own member, never one named in the URL, so there is no other member to reach by editing it. A login
/// without a member answers 404.
/// </summary>
[Authorize(Roles = "anggota")]
[Layout(typeof(Layout.MemberLayout))]
public abstract class MemberPage : ConsolePage
{
    protected Guid MemberId => Me.MemberId
        ?? throw new ApiException("This login has no member.", 404, null, new Dictionary<string, IEnumerable<string>>(), null);
}
