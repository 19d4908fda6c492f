using Ekopz.Web.Api;
using Ekopz.Web.Documents;
using Ekopz.Web.Session;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ekopz.Web.Hosting;

/// <summary>
/// A loan's agreement summary and schedule as a PDF (docs/adr/0034): for staff from the loan page, for the member from
/// /saya/pinjaman. Read through the API with the signed-in person's token, so a member gets only their own loans.
/// </summary>
public static class LoanDownloads
{
    public static string StaffLink(Guid loanId) => $"/pinjaman/{loanId}/pdf";
    public static string MemberLink(Guid loanId) => $"/saya/pinjaman/{loanId}/pdf";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/pinjaman/{loanId:guid}/pdf", (HttpContext http, Guid loanId, EkopzApi api, TimeProvider time) => Download(http, loanId, api, time, staff: true))
            .RequireAuthorization(new AuthorizeAttribute { Roles = "pengurus,kasir,pengawas" }).ExcludeFromDescription();
        endpoints.MapGet("/saya/pinjaman/{loanId:guid}/pdf", (HttpContext http, Guid loanId, EkopzApi api, TimeProvider time) => Download(http, loanId, api, time, staff: false))
            .RequireAuthorization(new AuthorizeAttribute { Roles = "anggota" }).ExcludeFromDescription();
    }

    private static async Task Download(HttpContext http, Guid loanId, EkopzApi api, TimeProvider time, bool staff)
    {
        var me = ConsoleSession.User(http);
        if (me is null)
        {
            await ErrorPages.Write(http, 404);
            return;
        }
        await ConsoleFiles.Send(http, async () =>
        {
            var loan = await api.GetLoanAsync(me.Kop, loanId, null, http.RequestAborted);
            // A member reads only their own loans here (the API says so too); staff see the member's name from the API.
            if (!staff && loan.MemberId != me.MemberId) return null;
            var name = staff ? (await api.GetMemberAsync(me.Kop, loan.MemberId, http.RequestAborted)).Name : me.MemberName ?? loan.MemberNumber;
            return new ConsoleFile(LoanPdf.Render(loan, name, me.KoperasiName, me.TimeZone, time.GetUtcNow()), "application/pdf",
                $"pinjaman-{loan.MemberNumber}-{loanId.ToString()[..8]}.pdf");
        });
    }
}
