using Ekopz.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Documents;

/// <summary>The RAT pack of a closed year as one zip (docs/adr/0034).</summary>
public static class RatPackEndpoint
{
    /// <summary>The RAT pack of a closed year (zip)</summary>
    /// <remarks>
    /// Pengurus or pengawas. One zip for the members' annual meeting (RAT) of a closed fiscal year: the balance sheet at
    /// 31 December, the income statement (PHU), the cash flow and the changes in equity of the year, each as PDF and Excel; the
    /// SHU per member (Excel and PDF); the loan portfolio with each loan's kolektibilitas at year end; every member with their
    /// pokok, wajib and sukarela at year end; each month's seal digest; the result of checking the books against the events (the
    /// same check as <c>ledger/verification</c> and <c>./ekopz verify-books</c>, as text and JSON); and <c>BACA-SAYA.txt</c>, an
    /// index in Indonesian. A year not closed yet is 422 <c>year_not_closed</c>.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/years/{year}/rat-pack.zip", OperationId = "getRatPack")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Books")]
    [ProducesResponseType<Stream>(200, "application/zip")]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Get(string kop, int year, HttpContext http)
    {
        var pack = await RatPackMaker.Make(http.RequestServices, kop, year, http.RequestAborted);
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(pack.Zip, "application/zip", pack.FileName);
    }
}
