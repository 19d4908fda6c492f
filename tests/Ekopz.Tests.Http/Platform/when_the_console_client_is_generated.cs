using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Platform;

/// <summary>
/// The web console's API client is generated from the OpenAPI document and committed. If the API
/// changes and the client is not regenerated, this fails: run <c>./ekopz gen-client</c> (which
/// runs this test with EKOPZ_UPDATE_CLIENT=1 to write the file) and commit the result.
/// </summary>
public sealed class when_the_console_client_is_generated
{
    [Fact]
    public async Task the_committed_client_matches_the_live_openapi_document()
    {
        var document = await ApiUser.Anonymous().Get("/openapi/v1.json");
        document.ShouldBe(HttpStatusCode.OK);
        var generated = await ApiClientGenerator.Generate(document.Text);

        var path = Path.Combine(RepositoryRoot(), ApiClientGenerator.RelativePath);
        if (Environment.GetEnvironmentVariable("EKOPZ_UPDATE_CLIENT") == "1")
            await File.WriteAllTextAsync(path, generated);

        var committed = (await File.ReadAllTextAsync(path)).Replace("\r\n", "\n");
        (committed == generated).Should().BeTrue(
            $"{ApiClientGenerator.RelativePath} must be generated from the current API: run ./ekopz gen-client and commit it");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ekopz.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (Ekopz.sln) was not found above " + AppContext.BaseDirectory);
    }
}
