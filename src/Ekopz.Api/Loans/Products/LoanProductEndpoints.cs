using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace Ekopz.Api.Loans.Products;

/// <param name="EffectiveFrom">From when these terms apply (default today). A new product may start in the past; a change not before today.</param>
/// <param name="Active">False retires the product for new applications from <c>effectiveFrom</c>.</param>
public sealed record LoanProductRequest(string? Name, LoanTermsContract? Terms, LocalDate? EffectiveFrom, bool? Active = null);

public sealed record ProductVersionView(LocalDate EffectiveFrom, string Name, bool Active, LoanTermsContract Terms);

public sealed record LoanProductView(Guid ProductId, LocalDate AsOf, string Name, bool Offered, LoanTermsContract? Terms, IReadOnlyList<ProductVersionView> Versions)
{
    public static LoanProductView Of(LoanProduct p, LocalDate asOf)
    {
        var v = p.At(asOf);
        return new LoanProductView(p.Id, asOf, (v ?? p.Latest).Name, v is { Active: true }, v is null ? null : LoanTermsContract.Of(v.Terms),
            p.Versions.Select(x => new ProductVersionView(x.EffectiveFrom, x.Name, x.Active, LoanTermsContract.Of(x.Terms))).ToList());
    }
}

/// <summary>
/// Loan products per koperasi (pengurus). Every change is a new version from a date: loans already
/// applied for keep the terms they were given, so no change can touch an existing loan. Members read
/// the products to choose and simulate.
/// </summary>
public static class LoanProductEndpoints
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Create a loan product</summary>
    /// <remarks>
    /// Pengurus only. Rate, method (<c>flat</c>, <c>efektif</c>, <c>anuitas</c>), frequency, fees, penalty, rounding and limits,
    /// effective from a date. Recorded as the product's first version. Send an <c>Idempotency-Key</c> header to retry safely: a
    /// repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/loan-products", OperationId = "createLoanProduct")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Loans")]
    [ProducesResponseType<LoanProductView>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Create(LoanProductRequest request, HttpContext http, CommandScope scope)
    {
        // A new product has no stream to lock yet: creates of one koperasi take turns on an advisory lock (docs/adr/0043),
        // so a repeat with the same key waits for the first commit and replays.
        await WritePath.Serialize(scope.Session, $"loan-product:{scope.Tenant}", http.RequestAborted);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        return IdempotencyKeys.Answer(scope.Session, key, await Handle(scope, request), scope.Now);
    }

    /// <summary>Appends what <see cref="DecideDefinition"/> decides (also the demo seeder's way in, docs/adr/0042).</summary>
    public static Task<CommandResult> Handle(CommandScope scope, LoanProductRequest request)
    {
        var (defined, view) = DecideDefinition(scope, request);
        scope.Session.Events.StartStream<LoanProduct>(defined.ProductId, defined);
        return Task.FromResult(CommandResult.Created(view));
    }

    /// <summary>A new product, pure; the rules are <see cref="LoanProductDecider.Define"/>.</summary>
    public static (LoanProductDefined Event, LoanProductView View) DecideDefinition(CommandScope scope, LoanProductRequest request)
    {
        var terms = (request.Terms ?? throw DomainException.Validation("terms", "The terms are required.")).ToTerms(null);
        var from = request.EffectiveFrom ?? scope.Today;
        var defined = LoanProductDecider.Define(Guid.NewGuid(), request.Name, terms, from, scope.Meta(scope.Today, Channels.Web));
        return (defined, LoanProductView.Of(LoanProduct.Evolve(null, defined)!, from));
    }

    /// <summary>Change a loan product from a date on</summary>
    /// <remarks>
    /// Pengurus only. Records a new version of the product's terms from a date; loans already applied for keep the terms they
    /// were given. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing
    /// twice.
    /// </remarks>
    [WolverinePut("/api/v1/koperasi/{kop}/loan-products/{productId}", OperationId = "changeLoanProduct")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Loans")]
    [ProducesResponseType<LoanProductView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Change(LoanProductRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("productId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<LoanProduct> product)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (changed, view) = DecideChange(scope, request, product.Aggregate);
        product.AppendOne(changed);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>A new version of the product, pure; the rules are <see cref="LoanProductDecider.Change"/>.</summary>
    public static (LoanProductChanged Event, LoanProductView View) DecideChange(CommandScope scope, LoanProductRequest request, LoanProduct? product)
    {
        if (product is null) throw DomainException.NotFound("The loan product");
        var from = request.EffectiveFrom ?? scope.Today;
        var current = product.At(from) ?? product.Latest;
        var changed = LoanProductDecider.Change(product, request.Name ?? current.Name, request.Terms?.ToTerms(current.Terms) ?? current.Terms,
            request.Active ?? current.Active, from, scope.Today, scope.Meta(scope.Today, Channels.Web));
        return (changed, LoanProductView.Of(LoanProduct.Evolve(product, changed)!, from));
    }

    /// <summary>Retire a loan product</summary>
    /// <remarks>
    /// Retires a product from <c>effectiveFrom</c> (default today): no new applications; its history stays.
    /// </remarks>
    [WolverineDelete("/api/v1/koperasi/{kop}/loan-products/{productId}", OperationId = "retireLoanProduct")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Loans")]
    [ProducesResponseType<LoanProductView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Retire(Guid productId, string? effectiveFrom, HttpContext http, [NotBody] CommandScope scope,
        [WriteAggregate("productId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<LoanProduct> product)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, new { productId, effectiveFrom });
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (changed, view) = DecideRetirement(scope, effectiveFrom, product.Aggregate);
        product.AppendOne(changed);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>The retirement, pure: a version that is not active from the date on.</summary>
    public static (LoanProductChanged Event, LoanProductView View) DecideRetirement(CommandScope scope, string? effectiveFrom, LoanProduct? product)
    {
        if (product is null) throw DomainException.NotFound("The loan product");
        var from = QueryParams.Date(effectiveFrom, "effectiveFrom") ?? scope.Today;
        var current = product.At(from) ?? product.Latest;
        if (!current.Active) throw DomainException.InvalidState("The product is already retired on that date.");
        var changed = LoanProductDecider.Change(product, current.Name, current.Terms, false, from, scope.Today, scope.Meta(scope.Today, Channels.Web));
        return (changed, LoanProductView.Of(LoanProduct.Evolve(product, changed)!, from));
    }
}

/// <summary>The loan products' reads (apart from the writes: Wolverine runs a class's <c>LoadAsync</c> before each of its endpoints).</summary>
public static class LoanProductReads
{
    /// <summary>List the loan products</summary>
    /// <remarks>
    /// Any role of the koperasi, anggota included (members choose and simulate). The products with the terms in force on
    /// <c>asOf</c>.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/loan-products", OperationId = "listLoanProducts")]
    [Authorize(Policy = Policies.KoperasiRead)]
    [Tags("Loans")]
    [ProducesResponseType<IReadOnlyList<LoanProductView>>(200)]
    public static async Task<IResult> List(string kop, string? asOf, HttpContext http, IDocumentStore store, IClock clock)
    {
        await using var session = store.QuerySession(kop);
        var reads = await LoanReadContext.Open(session, clock, kop, http.RequestAborted);
        var date = reads.AsOf(asOf);
        var products = await session.Query<LoanProduct>().OrderBy(p => p.CreatedTicks).Take(1000).ToListAsync(http.RequestAborted);
        return Results.Json(products.Where(p => p.At(date) is not null).Select(p => LoanProductView.Of(p, date)).ToList(), ApiJson.Options);
    }

    /// <summary>Read a loan product</summary>
    /// <remarks>
    /// Any role of the koperasi. The product's terms in force on <c>asOf</c>, and its versions.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/loan-products/{productId}", OperationId = "getLoanProduct")]
    [Authorize(Policy = Policies.KoperasiRead)]
    [Tags("Loans")]
    [ProducesResponseType<LoanProductView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, Guid productId, string? asOf, HttpContext http, IDocumentStore store, IClock clock)
    {
        await using var session = store.QuerySession(kop);
        var reads = await LoanReadContext.Open(session, clock, kop, http.RequestAborted);
        var product = await session.LoadAsync<LoanProduct>(productId, http.RequestAborted) ?? throw DomainException.NotFound("The loan product");
        return Results.Json(LoanProductView.Of(product, reads.AsOf(asOf)), ApiJson.Options);
    }
}
