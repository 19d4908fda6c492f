using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ekopz.Api.Hosting;

/// <summary>
/// Request and response examples for the routes that move money (docs/adr/0028), shown by Scalar beside each
/// operation. They are answers the API really gave on the demo koperasi (captured from <c>./ekopz up</c>), so the
/// figures add up: installments sum to the principal, the balance after a deposit is the one before plus the amount.
/// The docs test checks every example against its schema, so a renamed or dropped field fails the build's tests.
/// </summary>
public static class OpenApiExamples
{
    /// <param name="Request">The request body, or null for a route that takes none.</param>
    /// <param name="Status">The success status the response example belongs to.</param>
    /// <param name="Response">The answer.</param>
    public sealed record Example(string? Request, int Status, string Response);

    /// <summary>By operation id.</summary>
    public static readonly IReadOnlyDictionary<string, Example> ByOperation = new Dictionary<string, Example>
    {
        // Rp 500.000 into sukarela at the counter; the balance after it is Rp 1.000.000.
        ["depositSavings"] = new(
            """
            {"amount": 500000, "channel": "counter", "note": "Setoran gaji Desember"}
            """, 201,
            """
            {
              "transactionId": "90d8aa6f-751d-4b77-aad7-f814d2b5008b",
              "kind": "sukarela",
              "amount": 500000,
              "balance": 1000000,
              "memberStatus": "active",
              "businessDate": "2026-12-05"
            }
            """),
        // Rp 250.000 from sukarela, the cash to be taken at the counter after approval.
        ["requestWithdrawal"] = new(
            """
            {"amount": 250000, "note": "Biaya sekolah", "payAtCounter": true}
            """, 202,
            """
            {
              "withdrawalId": "d01c2213-736a-4cfb-999e-94fdde7c0a99",
              "status": "requested",
              "memberId": "7ec193db-2b59-4ab6-b223-23c4e33c6564",
              "amount": 250000,
              "businessDate": "2026-12-05",
              "payAtCounter": true
            }
            """),
        // A withdrawal requested without payAtCounter is paid on approval: Rp 250.000 leaves sukarela, Rp 750.000 is left.
        ["approveWithdrawal"] = new(
            """
            {"channel": "transfer"}
            """, 200,
            """
            {"withdrawalId": "3b8e0f52-6a1d-4c1e-9f57-0d2a7c4b9e11", "status": "paid", "transactionId": "c41f7a90-2d3b-4e6f-8a15-7b9c0d1e2f34", "balance": 750000}
            """),
        // The kasir hands over Rp 250.000; the sukarela balance falls to Rp 750.000.
        ["payWithdrawal"] = new(
            """
            {"businessDate": "2026-12-05"}
            """, 200,
            """
            {
              "withdrawalId": "d01c2213-736a-4cfb-999e-94fdde7c0a99",
              "status": "paid",
              "transactionId": "509b3d02-7b5b-4cc5-84b6-b6ed0ecd6c4d",
              "balance": 750000
            }
            """),
        // Rp 5.000.000 over 12 months at 12% a year, flat.
        ["applyForLoan"] = new(
            """
            {
              "principal": 5000000,
              "periods": 12,
              "annualRate": 12,
              "method": "flat",
              "frequency": "monthly",
              "purpose": "Modal warung"
            }
            """, 201,
            """
            {
              "loanId": "c2d88de0-500e-4a2f-bce3-7186c96a56a8",
              "status": "applied",
              "memberId": "7ec193db-2b59-4ab6-b223-23c4e33c6564",
              "productId": null,
              "principal": 5000000,
              "periods": 12,
              "annualRate": 12,
              "method": "flat",
              "frequency": "monthly",
              "businessDate": "2026-12-05"
            }
            """),
        // Approved within the lending limit (15% of own capital).
        ["approveLoan"] = new(
            """
            {"note": "Sesuai rapat pengurus 4 Desember"}
            """, 200,
            """
            {
              "loanId": "c2d88de0-500e-4a2f-bce3-7186c96a56a8",
              "status": "approved",
              "businessDate": "2026-12-05",
              "lendingLimit": {
                "ownCapital": 50575000,
                "limitPercent": 15,
                "limit": 7586250,
                "otherExposure": 1842302,
                "exposure": 6842302
              }
            }
            """),
        // Paid out in cash: 12 installments of Rp 466.667 (the last Rp 466.663, so the principal sums exactly).
        ["disburseLoan"] = new(
            """
            {"channel": "counter"}
            """, 200,
            """
            {
              "loanId": "c2d88de0-500e-4a2f-bce3-7186c96a56a8",
              "status": "active",
              "transactionId": "2a2d4fd3-1cc7-4c8a-9147-dbb8df465cc0",
              "businessDate": "2026-12-05",
              "principal": 5000000,
              "fees": {"provisi": 0, "administrasi": 0, "collection": "netted", "cashPaidOut": 5000000},
              "schedule": [
                {"number": 1, "dueDate": "2027-01-05", "principal": 416667, "interest": 50000, "amount": 466667},
                {"number": 2, "dueDate": "2027-02-05", "principal": 416667, "interest": 50000, "amount": 466667},
                {"number": 3, "dueDate": "2027-03-05", "principal": 416667, "interest": 50000, "amount": 466667},
                {"number": 4, "dueDate": "2027-04-05", "principal": 416667, "interest": 50000, "amount": 466667},
                {"number": 5, "dueDate": "2027-05-05", "principal": 416667, "interest": 50000, "amount": 466667},
                {"number": 6, "dueDate": "2027-06-05", "principal": 416667, "interest": 50000, "amount": 466667},
                {"number": 7, "dueDate": "2027-07-05", "principal": 416667, "interest": 50000, "amount": 466667},
                {"number": 8, "dueDate": "2027-08-05", "principal": 416667, "interest": 50000, "amount": 466667},
                {"number": 9, "dueDate": "2027-09-05", "principal": 416667, "interest": 50000, "amount": 466667},
                {"number": 10, "dueDate": "2027-10-05", "principal": 416667, "interest": 50000, "amount": 466667},
                {"number": 11, "dueDate": "2027-11-05", "principal": 416667, "interest": 50000, "amount": 466667},
                {"number": 12, "dueDate": "2027-12-05", "principal": 416663, "interest": 50000, "amount": 466663}
              ]
            }
            """),
        // The first installment: Rp 50.000 interest, Rp 416.667 principal.
        ["payLoan"] = new(
            """
            {"amount": 466667, "channel": "counter"}
            """, 201,
            """
            {
              "transactionId": "71e4d3ca-132f-47f7-8672-2cff16805a80",
              "loanId": "c2d88de0-500e-4a2f-bce3-7186c96a56a8",
              "businessDate": "2026-12-05",
              "amount": 466667,
              "allocation": {"penalty": 0, "interest": 50000, "principal": 416667},
              "installments": [{"version": 1, "number": 1, "penalty": 0, "interest": 50000, "principal": 416667, "total": 466667}],
              "outstandingPrincipal": 4583333,
              "status": "active",
              "paidOff": false,
              "interestWaived": 0
            }
            """),
        // A member buys at member prices at the counter: Rp 101.000.
        ["placeShopOrder"] = new(
            """
            {
              "memberId": "7ec193db-2b59-4ab6-b223-23c4e33c6564",
              "channel": "counter",
              "lines": [
                {"productId": "314dee22-892e-450a-9990-b6933bdc11df", "quantity": 1},
                {"productId": "3e2685d4-1615-4c37-9875-449caf1082d3", "quantity": 2}
              ]
            }
            """, 201,
            """
            {
              "orderId": "d019bb1c-f9f5-46c8-a437-43f71ede73b8",
              "unitId": "ca244b88-3f74-562e-853f-71ad1d89e377",
              "channel": "counter",
              "memberId": "7ec193db-2b59-4ab6-b223-23c4e33c6564",
              "buyer": "member",
              "status": "placed",
              "lines": [
                {
                  "lineNo": 1,
                  "productId": "314dee22-892e-450a-9990-b6933bdc11df",
                  "sku": "BRS-5KG",
                  "name": "Beras premium 5 kg",
                  "unit": "pcs",
                  "quantity": 1,
                  "priceKind": "member",
                  "unitPrice": 68000,
                  "gross": 68000,
                  "flashDiscount": 0,
                  "discountLabel": null,
                  "voucherDiscount": 0,
                  "net": 68000,
                  "returned": 0
                },
                {
                  "lineNo": 2,
                  "productId": "3e2685d4-1615-4c37-9875-449caf1082d3",
                  "sku": "GLA-KG",
                  "name": "Gula pasir curah",
                  "unit": "kg",
                  "quantity": 2,
                  "priceKind": "member",
                  "unitPrice": 16500,
                  "gross": 33000,
                  "flashDiscount": 0,
                  "discountLabel": null,
                  "voucherDiscount": 0,
                  "net": 33000,
                  "returned": 0
                }
              ],
              "subtotal": 101000,
              "flashDiscount": 0,
              "voucherCode": null,
              "voucherDiscount": 0,
              "goods": 101000,
              "shippingCharge": 0,
              "total": 101000,
              "shipTo": null,
              "paymentMethod": null,
              "paidOn": null,
              "shipment": null,
              "deliveredOn": null,
              "completedOn": null,
              "cancelledOn": null,
              "cancelReason": null,
              "returns": [],
              "refunded": 0,
              "marketplace": null,
              "externalId": null,
              "placedOn": "2026-12-05",
              "placedAt": "2026-12-05T09:10:27.1421557Z",
              "placedBy": "kasir.demo",
              "memberNumber": null,
              "memberName": null,
              "contact": null
            }
            """),
        // Paid in cash at the counter: a counter order is completed at once.
        ["payShopOrder"] = new(
            """
            {"method": "cash"}
            """, 200,
            """
            {
              "orderId": "d019bb1c-f9f5-46c8-a437-43f71ede73b8",
              "unitId": "ca244b88-3f74-562e-853f-71ad1d89e377",
              "channel": "counter",
              "memberId": "7ec193db-2b59-4ab6-b223-23c4e33c6564",
              "buyer": "member",
              "status": "completed",
              "lines": [
                {
                  "lineNo": 1,
                  "productId": "314dee22-892e-450a-9990-b6933bdc11df",
                  "sku": "BRS-5KG",
                  "name": "Beras premium 5 kg",
                  "unit": "pcs",
                  "quantity": 1,
                  "priceKind": "member",
                  "unitPrice": 68000,
                  "gross": 68000,
                  "flashDiscount": 0,
                  "discountLabel": null,
                  "voucherDiscount": 0,
                  "net": 68000,
                  "returned": 0
                },
                {
                  "lineNo": 2,
                  "productId": "3e2685d4-1615-4c37-9875-449caf1082d3",
                  "sku": "GLA-KG",
                  "name": "Gula pasir curah",
                  "unit": "kg",
                  "quantity": 2,
                  "priceKind": "member",
                  "unitPrice": 16500,
                  "gross": 33000,
                  "flashDiscount": 0,
                  "discountLabel": null,
                  "voucherDiscount": 0,
                  "net": 33000,
                  "returned": 0
                }
              ],
              "subtotal": 101000,
              "flashDiscount": 0,
              "voucherCode": null,
              "voucherDiscount": 0,
              "goods": 101000,
              "shippingCharge": 0,
              "total": 101000,
              "shipTo": null,
              "paymentMethod": "cash",
              "paidOn": "2026-12-05",
              "shipment": null,
              "deliveredOn": null,
              "completedOn": "2026-12-05",
              "cancelledOn": null,
              "cancelReason": null,
              "returns": [],
              "refunded": 0,
              "marketplace": null,
              "externalId": null,
              "placedOn": "2026-12-05",
              "placedAt": "2026-12-05T09:10:27.1421557Z",
              "placedBy": "kasir.demo",
              "memberNumber": null,
              "memberName": null,
              "contact": null
            }
            """),
        // A guest buys at public prices with flat-rate shipping: Rp 144.000 + Rp 15.000.
        ["checkoutStoreCart"] = new(
            """
            {
              "lines": [{"productId": "314dee22-892e-450a-9990-b6933bdc11df", "quantity": 2}],
              "buyerName": "Rina Wulandari",
              "phone": "081298765432",
              "shipTo": "Jl. Kenanga 3, Bogor"
            }
            """, 201,
            """
            {
              "orderId": "877ff61b-1c5a-4a1d-b5a6-f527ef6ae8b0",
              "number": "877FF61B",
              "trackingToken": "MGa-QhZWdHFaZxPnZw-8zINWS8Wf-kAd",
              "order": {
                "orderId": "877ff61b-1c5a-4a1d-b5a6-f527ef6ae8b0",
                "number": "877FF61B",
                "status": "placed",
                "priceKind": "public",
                "lines": [
                  {
                    "lineNo": 1,
                    "productId": "314dee22-892e-450a-9990-b6933bdc11df",
                    "name": "Beras premium 5 kg",
                    "unit": "pcs",
                    "quantity": 2,
                    "unitPrice": 72000,
                    "gross": 144000,
                    "flashDiscount": 0,
                    "discountLabel": null,
                    "voucherDiscount": 0,
                    "net": 144000
                  }
                ],
                "subtotal": 144000,
                "flashDiscount": 0,
                "voucherCode": null,
                "voucherDiscount": 0,
                "goods": 144000,
                "shippingCharge": 15000,
                "total": 159000,
                "buyerName": "Rina Wulandari",
                "phone": "081298765432",
                "shipTo": "Jl. Kenanga 3, Bogor",
                "note": null,
                "placedOn": "2026-12-05",
                "placedAt": "2026-12-05T09:10:36.7591996Z",
                "paidOn": null,
                "courier": null,
                "trackingNumber": null,
                "shippedOn": null,
                "deliveredOn": null,
                "cancelledOn": null
              }
            }
            """),
        // A manual journal of Rp 850.000 (utilities paid in cash), waiting for a second approver.
        ["proposeAdjustment"] = new(
            """
            {
              "description": "Bayar listrik dan air November",
              "lines": [
                {"accountCode": "5-3200", "debit": 850000, "credit": 0, "memo": "PLN dan PDAM November"},
                {
                  "accountCode": "1-1000",
                  "debit": 0,
                  "credit": 850000,
                  "cashFlow": "operating.other",
                  "memo": "Dibayar tunai"
                }
              ]
            }
            """, 202,
            """
            {
              "adjustmentId": "9d80c1e3-69b5-46df-a53e-93b5a8fb96cf",
              "status": "requested",
              "businessDate": "2026-12-05",
              "description": "Bayar listrik dan air November",
              "lines": [
                {
                  "accountCode": "5-3200",
                  "debit": 850000,
                  "credit": 0,
                  "cashFlow": null,
                  "memo": "PLN dan PDAM November"
                },
                {
                  "accountCode": "1-1000",
                  "debit": 0,
                  "credit": 850000,
                  "cashFlow": "operating.other",
                  "memo": "Dibayar tunai"
                }
              ],
              "corrects": null,
              "requestedBy": "pengurus.demo",
              "requestedAt": "2026-12-05T09:10:44.184929Z",
              "decidedBy": null,
              "rejectionReason": null,
              "decidedAt": null,
              "entryId": null
            }
            """),
        // A second pengurus approves; the journal is posted.
        ["approveAdjustment"] = new(
            null, 200,
            """
            {
              "adjustmentId": "9d80c1e3-69b5-46df-a53e-93b5a8fb96cf",
              "status": "approved",
              "businessDate": "2026-12-05",
              "description": "Bayar listrik dan air November",
              "lines": [
                {
                  "accountCode": "5-3200",
                  "debit": 850000,
                  "credit": 0,
                  "cashFlow": null,
                  "memo": "PLN dan PDAM November"
                },
                {
                  "accountCode": "1-1000",
                  "debit": 0,
                  "credit": 850000,
                  "cashFlow": "operating.other",
                  "memo": "Dibayar tunai"
                }
              ],
              "corrects": null,
              "requestedBy": "pengurus.demo",
              "requestedAt": "2026-12-05T09:10:44.184929Z",
              "decidedBy": "bendahara.demo",
              "rejectionReason": null,
              "decidedAt": "2026-12-05T09:10:44.9377231Z",
              "entryId": null
            }
            """),
    };

    public static void AddEkopzExamples(this OpenApiOptions o) => o.AddOperationTransformer((operation, _, _) =>
    {
        if (operation.OperationId is not { } id || !ByOperation.TryGetValue(id, out var example)) return Task.CompletedTask;
        if (example.Request is { } request && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
            body.Example = JsonNode.Parse(request);
        if (operation.Responses?.TryGetValue(example.Status.ToString(), out var response) == true
            && response.Content?.TryGetValue("application/json", out var answer) == true)
            answer.Example = JsonNode.Parse(example.Response);
        return Task.CompletedTask;
    });
}
