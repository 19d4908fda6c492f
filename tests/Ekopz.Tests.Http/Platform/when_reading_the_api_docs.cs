using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Platform;

public class when_reading_the_api_docs
{
    [Fact]
    public async Task the_openapi_document_lists_the_contract_routes()
    {
        var doc = (await ApiUser.Anonymous().Get("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var paths = doc.Json["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.Should().Contain([
            "/api/v1/auth/token",
            "/api/v1/koperasi",
            "/api/v1/koperasi/{kop}/users",
            "/api/v1/koperasi/{kop}/settings",
            "/api/v1/koperasi/{kop}/members",
            "/api/v1/koperasi/{kop}/members/{memberId}",
            "/api/v1/koperasi/{kop}/members/{memberId}/savings/{kind}/deposits",
            "/api/v1/koperasi/{kop}/members/{memberId}/statement",
        ]);
        doc.Json["components"]!["securitySchemes"]!["bearer"].Should().NotBeNull();
    }

    [Fact]
    public async Task the_reference_page_is_served()
    {
        (await ApiUser.Anonymous().Send(HttpMethod.Get, "/docs", null, accept: "text/html")).ShouldBe(HttpStatusCode.OK);
    }
}
