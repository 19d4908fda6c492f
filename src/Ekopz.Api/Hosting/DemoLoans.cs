using System.Text.Json;
using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Api.Loans;
using Ekopz.Api.Loans.Applying;
using Ekopz.Api.Loans.Approving;
using Ekopz.Api.Loans.Disbursing;
using Ekopz.Api.Loans.Products;
using Ekopz.Api.Loans.Repaying;
using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Loans;
using Marten;
using NodaTime;

namespace Ekopz.Api.Hosting;

/// <summary>
/// The demo koperasi's loans, through the same decisions as the API (each a <see cref="DemoSteps"/> step, docs/adr/0042): a capital grant to lend from
/// (a journal approved by a second person), a loan product, Budi's product loan repaid on time, Siti's
/// anuitas loan with an installment overdue, and Agus's application waiting for approval. Every step
/// carries a fixed idempotency key, so a second start adds nothing.
/// </summary>
public static class DemoLoans
{
    public static async Task SeedAsync(DemoSteps steps, IDocumentStore store, LedgerQueries ledger, Caller seed,
        IReadOnlyDictionary<string, Guid> members, LocalDate start, LocalDate today, CancellationToken ct)
    {
        const string kop = DemoSeeder.Slug;
        // Approvals need a second person: the demo's second pengurus.
        var checker = new Caller("bendahara.demo", kop, new HashSet<string> { Roles.Pengurus }, null);

        Task<JsonElement> Run(Caller caller, string key, Func<CommandScope, Task<CommandResult>> work) =>
            steps.Run(caller, kop, "seed-" + key, work, ct);

        // Hibah from the district office: own capital, so the lending limit has room.
        var grant = await Run(seed, "grant", async s =>
        {
            var chart = await s.Session.LoadAsync<Chart>(Chart.StreamId(kop), ct) ?? throw new InvalidOperationException("The demo koperasi has no chart.");
            var voucher = VoucherDecider.Request(Guid.NewGuid(), start, "Hibah modal dari Dinas Koperasi (demo)",
                [new VoucherLine("1-1010", 50_000_000m, 0m, CashFlows.OtherFinancing, null), new VoucherLine("3-1300", 0m, 50_000_000m, null, null)],
                null, false, chart, s.Meta(s.Today, Channels.Web));
            s.Session.Events.StartStream<JournalVoucher>(voucher.VoucherId, voucher);
            return CommandResult.Accepted(new { voucherId = voucher.VoucherId });
        });
        await Run(checker, "grant-approval", async s =>
        {
            var stream = await s.Session.Events.FetchForWriting<JournalVoucher>(grant.GetProperty("voucherId").GetGuid());
            if (stream.Aggregate is { Status: VoucherStatus.Requested })
                stream.AppendOne(VoucherDecider.Approve(stream.Aggregate, s.Meta(s.Today, Channels.Web)));
            return CommandResult.Ok(new { });
        });

        var product = (await Run(seed, "loan-product", s => LoanProductEndpoints.Handle(s, new LoanProductRequest("Pinjaman Umum Anggota",
            new LoanTermsContract("flat", 18m, "monthly", 3, 24, 500_000m, 20_000_000m, new FeeContract("percent", 1m), new FeeContract("fixed", 25_000m),
                "netted", 0.1m, 3, 100m, "nearest", ["penalty", "interest", "principal"]), start)))).GetProperty("productId").GetGuid();

        async Task<Guid> Loan(string name, string nik, LoanApplicationRequest application, LocalDate on, int installmentsPaid)
        {
            var loanId = (await Run(seed, $"loan-{name}-apply", s => Apply(s, members[nik], application))).GetProperty("loanId").GetGuid();
            await Run(checker, $"loan-{name}-approve", async s => await DecideLoanEndpoint.ApproveCore(s,
                await s.Session.Events.FetchForWriting<Domain.Loans.Loan>(loanId, ct), new ApproveLoanRequest(on, null, null), ledger, ct));
            // Paid out by transfer from the bank, where the hibah is: the kas drawer never holds a loan's worth.
            await Run(seed, $"loan-{name}-disburse", async s =>
            {
                var stream = await s.Session.Events.FetchForWriting<Domain.Loans.Loan>(loanId, ct);
                var member = stream.Aggregate is { } l ? await s.Session.LoadAsync<Domain.Members.Member>(l.MemberId, ct) : null;
                var (disbursed, response) = DisburseLoanEndpoint.Decide(s, loanId, new DisburseLoanRequest(on, "transfer"), stream.Aggregate, member);
                stream.AppendOne(disbursed);
                return CommandResult.Ok(response);
            });
            await using var query = store.QuerySession(kop);
            var loan = (await query.LoadAsync<Domain.Loans.Loan>(loanId, ct))!;
            foreach (var i in loan.Schedules[0].Installments.Take(installmentsPaid).Where(i => i.DueDate <= today))
                await Run(seed, $"loan-{name}-pay-{i.Number}", async s =>
                {
                    var stream = await s.Session.Events.FetchForWriting<Domain.Loans.Loan>(loanId, ct);
                    var (payment, response) = PayLoanEndpoint.Decide(s, loanId,
                        new LoanPaymentRequest(i.Amount, i.DueDate, i.Number % 2 == 0 ? "transfer" : "counter", null), stream.Aggregate);
                    stream.AppendOne(payment);
                    return CommandResult.Created(response);
                });
            return loanId;
        }

        var budiOn = start.PlusDays(9);
        await Loan("budi", "3201011501800001", new LoanApplicationRequest(3_000_000m, 10, null, null, null, product, "Modal usaha warung", null,
            budiOn), budiOn, int.MaxValue);
        var sitiOn = start.PlusDays(20);
        await Loan("siti", "3201015203850002", new LoanApplicationRequest(2_000_000m, 12, 12m, "anuitas", null, null, "Biaya sekolah", null,
            sitiOn), sitiOn, 1);
        await Run(seed, "loan-agus-apply", s => Apply(s, members["3201012007900003"],
            new LoanApplicationRequest(1_500_000m, 6, null, null, null, product, "Renovasi kios", null, today)));

        // applyForLoan's decision on the member and the product, starting the loan's stream.
        async Task<CommandResult> Apply(CommandScope s, Guid memberId, LoanApplicationRequest request)
        {
            var member = await s.Session.LoadAsync<Domain.Members.Member>(memberId, ct);
            var chosen = request.ProductId is { } productId ? await s.Session.LoadAsync<LoanProduct>(productId, ct) : null;
            var (applied, response) = ApplyForLoanEndpoint.Decide(s, memberId, request, member, chosen);
            s.Session.Events.StartStream<Domain.Loans.Loan>(applied.LoanId, applied);
            return CommandResult.Created(response);
        }
    }
}
