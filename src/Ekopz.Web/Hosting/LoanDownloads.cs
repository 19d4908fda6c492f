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
        byte[] pdf;
        LoanView loan;
        try
        {
            loan = await api.GetLoanAsync(me.Kop, loanId, null, http.RequestAborted);
            // A member reads only their own loans here (the API says so too); staff see the member's name from the API.
            if (!staff && loan.MemberId != me.MemberId)
            {
                await ErrorPages.Write(http, 404);
                return;
            }
            var name = staff ? (await api.GetMemberAsync(me.Kop, loan.MemberId, http.RequestAborted)).Name : me.MemberName ?? loan.MemberNumber;
            pdf = LoanPdf.Render(loan, name, me.KoperasiName, me.TimeZone, time.GetUtcNow());
        }
        catch (ApiException e) when (e.StatusCode == 401)
        {
            http.Response.Redirect("/masuk?habis=1");
            return;
        }
        catch (ApiException e) when (e.StatusCode is 400 or 403 or 404)
        {
            await ErrorPages.Write(http, e.StatusCode);
            return;
        }
        http.Response.ContentType = "application/pdf";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"pinjaman-{loan.MemberNumber}-{loanId.ToString()[..8]}.pdf\"";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.Body.WriteAsync(pdf, http.RequestAborted);
    }
}
