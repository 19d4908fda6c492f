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

    [Theory]
    [InlineData("/api/v1/me", "get", "getMe")]
    [InlineData("/api/v1/koperasi/{kop}/users", "get", "listUsers")]
    [InlineData("/api/v1/koperasi/{kop}/users/{username}/disable", "post", "disableUser")]
    [InlineData("/api/v1/koperasi/{kop}/users/{username}/enable", "post", "enableUser")]
    [InlineData("/api/v1/koperasi/{kop}/users/{username}/password", "post", "resetUserPassword")]
    [InlineData("/api/v1/koperasi/{kop}/dashboard", "get", "getDashboard")]
    [InlineData("/api/v1/koperasi/{kop}/members/{memberId}/exit/preview", "post", "previewMemberExit")]
    [InlineData("/api/v1/koperasi/{kop}/loans/{loanId}/lending-limit", "get", "checkLendingLimit")]
    [InlineData("/api/v1/koperasi/{kop}/shop/payouts", "get", "listShopPayouts")]
    public async Task the_staff_console_routes_are_described_for_the_typed_client(string path, string method, string operationId)
    {
        var doc = (await ApiUser.Anonymous().Get("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var operation = doc.Json["paths"]![path]?[method];
        operation.Should().NotBeNull($"{method} {path} is documented");
        operation!["operationId"]!.GetValue<string>().Should().Be(operationId);
        operation["responses"]!["200"]!["content"]!["application/json"]!["schema"].Should().NotBeNull("the 200 answer has a declared type");
    }

    [Fact]
    public async Task receipts_and_counter_payouts_are_described_for_the_typed_client()
    {
        var doc = (await ApiUser.Anonymous().Get("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK).Json;
        var paths = doc["paths"]!;
        string OperationId(string path, string method) => paths[path]![method]!["operationId"]!.GetValue<string>();
        IEnumerable<string> Statuses(string path, string method) => paths[path]![method]!["responses"]!.AsObject().Select(r => r.Key);

        OperationId("/api/v1/koperasi/{kop}/receipts", "post").Should().Be("issueReceipt");
        Statuses("/api/v1/koperasi/{kop}/receipts", "post").Should().BeEquivalentTo(["200", "201", "400", "401", "403", "404", "409", "413", "415", "422", "503"]);
        OperationId("/api/v1/koperasi/{kop}/receipts", "get").Should().Be("listReceipts");
        OperationId("/api/v1/koperasi/{kop}/receipts/{receiptNumber}", "get").Should().Be("getReceipt");
        OperationId("/api/v1/koperasi/{kop}/withdrawals/{withdrawalId}/pay", "post").Should().Be("payWithdrawal");
        Statuses("/api/v1/koperasi/{kop}/withdrawals/{withdrawalId}/pay", "post").Should().Contain(["200", "404", "422"]);

        var created = paths["/api/v1/koperasi/{kop}/receipts"]!["post"]!["responses"]!["201"]!["content"]!["application/json"]!["schema"]!;
        created["$ref"]!.GetValue<string>().Should().EndWith("/ReceiptView");
        var receipt = doc["components"]!["schemas"]!["ReceiptView"]!["properties"]!.AsObject().Select(p => p.Key);
        receipt.Should().Contain(["receiptNumber", "koperasiName", "koperasiSlug", "direction", "memberId", "memberName", "memberNumber", "lines",
            "total", "cashier", "channel", "businessDate", "recordedAt", "transactionId", "loanId", "orderId", "issuedAt", "issuedBy"]);
        doc["components"]!["schemas"]!["ReceiptListView"]!["properties"]!.AsObject().Select(p => p.Key).Should().Contain(["total", "receipts"]);
        doc["components"]!["schemas"]!["WithdrawalView"]!["properties"]!.AsObject().Select(p => p.Key)
            .Should().Contain(["payAtCounter", "approvedBy", "approvedAt", "paidBy", "paidAt"]);
    }

    [Fact]
    public async Task the_reference_page_is_served()
    {
        (await ApiUser.Anonymous().Send(HttpMethod.Get, "/docs", null, accept: "text/html")).ShouldBe(HttpStatusCode.OK);
    }
}
