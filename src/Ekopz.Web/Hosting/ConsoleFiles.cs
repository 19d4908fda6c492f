using Ekopz.Web.Api;
using Microsoft.AspNetCore.Http;

namespace Ekopz.Web.Hosting;

/// <summary>A file the console hands out, made from what the API answered.</summary>
public sealed record ConsoleFile(byte[] Bytes, string ContentType, string FileName);

/// <summary>
/// How the console answers a download (PDF, Excel, zip): as an attachment that is never cached. A refusal from the API
/// on the way becomes what a person can act on: an expired sign-in goes to the sign-in page, no right / no such thing /
/// a rule (a year not closed) becomes the console's error page for that status. One place, so every download behaves
/// alike.
/// </summary>
public static class ConsoleFiles
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A file drawn by the console (a report sheet, a loan PDF); <c>make</c> answering null is 404.</summary>
    public static async Task Send(HttpContext http, Func<Task<ConsoleFile?>> make)
    {
        ConsoleFile? file;
        try
        {
            file = await make();
        }
        catch (ApiException e) when (IsRefusal(e.StatusCode))
        {
            await Refuse(http, e.StatusCode);
            return;
        }
        if (file is null)
        {
            await ErrorPages.Write(http, 404);
            return;
        }
        Attach(http, file.ContentType, file.FileName);
        await http.Response.Body.WriteAsync(file.Bytes, http.RequestAborted);
    }

    /// <summary>A file the API made (the RAT pack, an import template), passed on as it streams.</summary>
    public static async Task Relay(HttpContext http, Func<Task<FileResponse>> fetch, string contentType, string fileName)
    {
        FileResponse file;
        try
        {
            file = await fetch();
        }
        catch (ApiException e) when (IsRefusal(e.StatusCode))
        {
            await Refuse(http, e.StatusCode);
            return;
        }
        using (file)
        {
            Attach(http, contentType, fileName);
            await file.Stream.CopyToAsync(http.Response.Body, http.RequestAborted);
        }
    }

    /// <summary>The headers of every download.</summary>
    public static void Attach(HttpContext http, string contentType, string fileName)
    {
        http.Response.ContentType = contentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        http.Response.Headers.CacheControl = "no-store";
    }

    /// <summary>An API answer that is a refusal a person can read about, not an error of the server's own.</summary>
    public static bool IsRefusal(int status) => status is 401 or 400 or 403 or 404 or 422;

    /// <summary>What the person sees for a refusal: the sign-in page when it expired, else the error page of its status.</summary>
    public static async Task Refuse(HttpContext http, int status)
    {
        if (status == 401) http.Response.Redirect("/masuk?habis=1");
        else await ErrorPages.Write(http, status);
    }
}
