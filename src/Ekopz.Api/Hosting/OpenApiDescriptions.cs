using System.Text.RegularExpressions;
using Ekopz.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ekopz.Api.Hosting;

/// <summary>
/// What the XML documentation does not say per method, said once for the whole document (docs/adr/0028): the summary and
/// description of an operation come from its endpoint method's <c>&lt;summary&gt;</c> and <c>&lt;remarks&gt;</c> (the
/// ASP.NET Core OpenAPI source generator reads them, GenerateDocumentationFile is on); the parameters every route shares
/// (<c>kop</c>, <c>memberId</c>, <c>asOf</c>, <c>knownAt</c>, paging...) are described here, and the
/// <c>Idempotency-Key</c> header is listed on every command that honours it.
/// </summary>
public static class OpenApiDescriptions
{
    public const string IdempotencyKeyHeader = IdempotencyKeys.Header;
    private static readonly Regex LineBreaks = new(@"[ \t]*\r?\n[ \t]*", RegexOptions.Compiled);

    /// <summary>Parameters by name (or <c>in:name</c> where a path and a query parameter share a name), the same meaning on every route. A method's own <c>&lt;param&gt;</c> wins.</summary>
    private static readonly Dictionary<string, string> Shared = new(StringComparer.Ordinal)
    {
        ["kop"] = "The koperasi's slug (its tenant id), e.g. `demo`. Another koperasi's slug answers 404.",
        ["slug"] = "The koperasi's public slug, e.g. `demo`.",
        ["memberId"] = "The member's id (a UUID), as answered by registerMember or listMembers.",
        ["loanId"] = "The loan's id (a UUID), as answered by applyForLoan.",
        ["withdrawalId"] = "The withdrawal request's id (a UUID), as answered by requestWithdrawal.",
        ["reversalId"] = "The reversal request's id (a UUID), as answered by requestReversal.",
        ["transactionId"] = "The id of the savings transaction (deposit) concerned, as answered by depositSavings.",
        ["adjustmentId"] = "The manual journal's id (a UUID), as answered by proposeAdjustment.",
        ["applicationId"] = "The membership application's id (a UUID).",
        ["postId"] = "The news post's id (a UUID).",
        ["productId"] = "The product's id (a UUID).",
        ["orderId"] = "The shop order's id (a UUID), as answered by placeShopOrder or checkoutStoreCart.",
        ["unitId"] = "The business unit's (toko's) id (a UUID).",
        ["payoutId"] = "The payout request's id (a UUID).",
        ["batchId"] = "A payroll collection batch's id (a UUID), as the batch list and the apply answer name it (`batchId`).",
        ["eventId"] = "The id of a stored event, as carried by a journal or statement line (`eventId`).",
        ["entryId"] = "The journal entry's id (a UUID).",
        ["receiptNumber"] = "The receipt's number in the koperasi's receipt book (1, 2, 3, ...).",
        ["username"] = "The login's username, e.g. `kasir.demo`.",
        ["period"] = "A month as `yyyy-MM`, e.g. `2026-11`.",
        ["month"] = "A month as `yyyy-MM`, e.g. `2026-11`.",
        ["year"] = "A fiscal year, e.g. `2026`.",
        ["code"] = "An account code of the chart of accounts, e.g. `1-1000` (kas).",
        ["role"] = "A posting role of the chart (the account a posting rule uses), e.g. `kas`.",
        ["token"] = "The secret token handed out with the application or the order (it proves the caller may read it).",
        ["asOf"] = "The business date to report on, `yyyy-MM-dd` (default: the koperasi's today).",
        ["knownAt"] = "Read the books as they stood at this moment (ISO 8601 instant, e.g. `2026-12-01T00:00:00Z`); default: now. "
            + "Later corrections are left out, so a report printed then can be reproduced.",
        ["from"] = "The first business date, `yyyy-MM-dd` (inclusive).",
        ["to"] = "The last business date, `yyyy-MM-dd` (inclusive).",
        ["page"] = "The page, from 1 (default 1).",
        ["pageSize"] = "Items per page (default and maximum depend on the list; an over-large value is 400).",
        ["limit"] = "At most this many items.",
        ["q"] = "Search text.",
        ["status"] = "Only items in this status.",
        ["businessDate"] = "The business date, `yyyy-MM-dd` (default: the koperasi's today).",
        ["effectiveFrom"] = "The first business date the change applies to, `yyyy-MM-dd` (tomorrow at the earliest).",
        ["account"] = "Only lines of this account code.",
        ["accounts"] = "Account codes, comma separated, e.g. `1-1000,1-1010`.",
        ["dates"] = "Business date spans instead of from/to, comma separated, each `from..to` (from may be empty), e.g. `2026-11-01..2026-11-30`.",
        ["path:kind"] = "The savings kind: `pokok`, `wajib` or `sukarela`.",
        ["query:kind"] = "Entry kinds, comma separated: `regular`, `closing`, `opening`.",
        ["cashFlow"] = "A cash flow category, e.g. `operating.savings_sukarela`, `financing.member_capital`, `investing.other`.",
        ["side"] = "Only `debit` or only `credit` lines.",
        ["counterparty"] = "Only lines of business with `member` or with `non_member` counterparties.",
        ["source"] = "Only lines posted by this event type (the `source` of a line, e.g. `SavingsDeposited`).",
        ["excludeSource"] = "Leave out lines posted by this event type.",
        ["preClosing"] = "`true`: leave the year-end closing entries out (the balances before the year close).",
        ["all"] = "`true`: every member's standing, not only those in arrears.",
        ["insider"] = "`true`: the borrower is a pengurus, a pengawas or an affiliate of one, and the lower lending limit applies.",
    };

    /// <summary>The areas, in the order a developer meets them, each with what it holds.</summary>
    private static readonly (string Name, string Description)[] Areas =
    [
        ("Auth", "Sign in, refresh, sign out and change one's own password. Start here: every other route but the public ones takes the bearer token."),
        ("Platform", "Who am I, the koperasi's settings, its logins, and onboarding a koperasi (platform operator)."),
        ("Members", "Register members, read and correct their profiles, list and search them, and their exit with the refund."),
        ("Savings", "Simpanan pokok, wajib and sukarela: deposits, withdrawals with maker-checker approval, reversals, statements, wajib arrears, the monthly interest run."),
        ("Loans", "Pinjaman: products, simulation, application, approval within the lending limit, disbursement, installments, restructuring, write-off, the portfolio."),
        ("Shop", "Kopmart for staff: catalogue, stock, orders from every channel, vouchers, member credit, business units and their payouts."),
        ("Storefront", "Kopmart's public storefront: catalogue, cart quote, guest or member checkout, order tracking. No token needed (an anggota's token gets member prices)."),
        ("Receipts", "Numbered receipts (kwitansi) for counter transactions, and the receipt book."),
        ("Books", "The ledger: chart of accounts, manual journals with a second approver, trial balance, journal, general ledger, drill-down to events, month and year close."),
        ("Imports", "Moving in from spreadsheets: the templates, then a dry run that reports every problem by row and column, then an apply that records the opening balances all or nothing."),
        ("Collections", "Collecting in bulk (potong gaji): the template, a dry run and an apply of a batch of wajib, sukarela and loan installments; each line applied or refused with its reason, one cash or bank entry per batch."),
        ("Reports", "Financial statements for any date as known at any moment: balance sheet, income statement, cash flow, changes in equity, cash book."),
        ("SHU", "The year's surplus: simulate, record the RAT's decision, distribute, and each member's share."),
        ("Dashboard", "The board's home page in one read."),
        ("News", "Kopnews announcements and the published monthly reports."),
        ("Public", "A koperasi's public page, public news and online membership applications. No token needed."),
    ];

    public static void AddEkopzDescriptions(this OpenApiOptions o)
    {
        o.AddOperationTransformer(Describe);
        o.AddDocumentTransformer((document, _, _) =>
        {
            var used = document.Paths?.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).SelectMany(op => op.Tags ?? new HashSet<OpenApiTagReference>())
                .Select(t => t.Name).ToHashSet() ?? [];
            var tags = Areas.Where(a => used.Contains(a.Name)).Select(a => new OpenApiTag { Name = a.Name, Description = a.Description }).ToList();
            // An area added later without a description still gets listed, after the known ones.
            tags.AddRange(used.Where(n => n is not null && Areas.All(a => a.Name != n)).Order().Select(n => new OpenApiTag { Name = n }));
            document.Tags = new HashSet<OpenApiTag>(tags);
            return Task.CompletedTask;
        });
    }

    private static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        // Wolverine fills summary and description with its route-derived name (POST_api_v1_...) when the code says
        // nothing; an operation without documentation should look undocumented (and fail the docs test), not named.
        if (operation.Summary is { } summary && summary.Contains('_') && !summary.Contains(' ')) operation.Summary = null;
        if (operation.Description is { } text && text.Contains('_') && !text.Contains(' ')) operation.Description = null;
        // The XML comment's line breaks are the source file's wrapping, not paragraphs.
        if (operation.Description is { } remarks) operation.Description = LineBreaks.Replace(remarks.Trim(), " ");

        foreach (var parameter in operation.Parameters ?? [])
            if (string.IsNullOrWhiteSpace(parameter.Description) && parameter is OpenApiParameter concrete
                && (Shared.TryGetValue($"{concrete.In?.ToString().ToLowerInvariant()}:{concrete.Name}", out var description)
                    || Shared.TryGetValue(concrete.Name ?? "", out description)))
                concrete.Description = description;

        if (HonoursIdempotencyKey(context))
        {
            operation.Parameters ??= [];
            if (!operation.Parameters.Any(p => p.Name == IdempotencyKeyHeader))
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyKeyHeader,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Makes a retry safe: the same key with the same request answers the first answer again "
                        + "(header `Idempotent-Replayed: true`) and records nothing twice; the same key with a different request is "
                        + "409 `conflict`. Any printable ASCII, at most 200 characters; a new UUID per user action is right.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
                });
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// A command on Wolverine's write path (docs/adr/0025) stores its answer under the key (docs/adr/0006): it takes the <see cref="CommandScope"/> its
    /// <c>LoadAsync</c> built and answers through <see cref="IdempotencyKeys"/>, or is marked <see cref="HonoursIdempotencyKeyAttribute"/>.
    /// </summary>
    private static bool HonoursIdempotencyKey(OpenApiOperationTransformerContext context) =>
        context.Description.ActionDescriptor is ControllerActionDescriptor { MethodInfo: { } method }
        && (method.GetParameters().Any(p => p.ParameterType == typeof(CommandScope))
            || method.IsDefined(typeof(HonoursIdempotencyKeyAttribute), false));
}
