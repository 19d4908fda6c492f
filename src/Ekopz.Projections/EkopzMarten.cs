using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using Ekopz.Domain.Ledger;
using Ekopz.Projections.Ledger;
using Ekopz.Projections.Loans;
using Ekopz.Domain.Loans;
using Ekopz.Projections.Koperasi;
using Ekopz.Projections.Members;
using Ekopz.Projections.Savings;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Marten.Schema.Indexing.Unique;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Weasel.Core;

namespace Ekopz.Projections;

/// <summary>
/// The one place the event store and the read models are configured (docs/adr/0002, 0003).
/// The API host and the tests both call it, so there is a single definition of the store.
/// </summary>
public static class EkopzMarten
{
    public const string Schema = "ekopz";

    /// <param name="charts">The API's cached charts for the ledger projection (docs/adr/0032); null loads them per unit of work.</param>
    public static void Configure(StoreOptions opts, ILedgerChartSource? charts = null)
    {
        opts.DatabaseSchemaName = Schema;

        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
            o => o.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb));

        // Each koperasi is a tenant: its events and documents carry its slug in tenant_id.
        opts.Events.TenancyStyle = TenancyStyle.Conjoined;
        // Quick appends: one call of Marten's mt_quick_append_events per stream, in the save's own batch, instead of a round trip
        // for sequence numbers and the stream's state first (docs/adr/0050). The database assigns the sequence, so the
        // projections that record it (ledger entries, statement lines, stock moves) read it from the event row by its id
        // (EventSequence), through this unique index.
        opts.Events.AppendMode = EventAppendMode.Quick;
        opts.Events.EnableUniqueIndexOnEventId = true;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;

        // Platform documents (users, koperasi registry, tokens) are global; koperasi data is tenanted.
        opts.Schema.For<Member>().MultiTenanted()
            .UniqueIndex(UniqueIndexType.Computed, "ux_member_nik", TenancyScope.PerTenant, x => x.Nik)
            .UniqueIndex(UniqueIndexType.Computed, "ux_member_number", TenancyScope.PerTenant, x => x.MemberNumber);
        opts.Schema.For<KoperasiSettings>().MultiTenanted();
        opts.Schema.For<SavingsLine>().MultiTenanted()
            .Duplicate(x => x.MemberId)
            .Duplicate(x => x.DateKey)
            .Duplicate(x => x.TransactionId)
            // Sums over many members' lines (wajib arrears of every member for the dashboard and the arrears
            // list) read these columns instead of parsing each line's JSON: about 5x faster at 5,000 members.
            // The index on kind covers the whole sum (an index-only scan): 60,000 wajib lines of 5,000 members
            // read from the index instead of 24,000 scattered heap pages.
            .Duplicate(x => x.Kind, configure: index => index.IncludeColumns = ["tenant_id", "member_id", "date_key", "type", "amount"])
            .Duplicate(x => x.Type)
            .Duplicate(x => x.Amount, pgType: "numeric");
        opts.Schema.For<Withdrawal>().MultiTenanted().Duplicate(x => x.MemberId);
        opts.Schema.For<Reversal>().MultiTenanted();
        opts.Schema.For<InterestRun>().MultiTenanted();
        opts.Schema.For<Chart>().MultiTenanted();
        opts.Schema.For<JournalVoucher>().MultiTenanted();
        opts.Schema.For<AccountingPeriod>().MultiTenanted();
        opts.Schema.For<FiscalYear>().MultiTenanted();
        opts.Schema.For<Ekopz.Domain.Shu.ShuYear>().MultiTenanted();
        opts.Schema.For<Loan>().MultiTenanted().Duplicate(x => x.MemberId).Duplicate(x => x.DisbursedOnKey);
        opts.Schema.For<LoanProduct>().MultiTenanted();
        opts.Schema.For<LoanSettings>().MultiTenanted();
        opts.Schema.For<LoanAllowance>().MultiTenanted();
        opts.Schema.For<Ekopz.Domain.Receipts.ReceiptBook>().MultiTenanted();
        // Receipt numbers are unique per koperasi: the book's lock hands them out one at a time, and the
        // index would refuse a duplicate even if that ever failed (docs/adr/0014). Reads by number use it too.
        opts.Schema.For<Receipts.IssuedReceipt>().MultiTenanted()
            .UniqueIndex(UniqueIndexType.DuplicatedField, "ux_receipt_number", TenancyScope.PerTenant, x => x.Number)
            .Duplicate(x => x.IssuedDateKey);

        opts.Projections.Add(new MemberProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new KoperasiSettingsProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new SavingsLineProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new WithdrawalProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new ReversalProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new InterestRunProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new ChartProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new JournalVoucherProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new AccountingPeriodProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new FiscalYearProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new Ekopz.Projections.Shu.ShuYearProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new LoanProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new LoanProductProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new LoanSettingsProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new LoanAllowanceProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new Receipts.ReceiptBookProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new Receipts.IssuedReceiptProjection(), ProjectionLifecycle.Inline);
        Shop.ShopMarten.Configure(opts);
        Community.CommunityMarten.Configure(opts);
        Imports.ImportMarten.Configure(opts);
        Collections.CollectionMarten.Configure(opts);
        // The ledger last: it posts what the other projections' events mean in money.
        opts.Projections.Add(new LedgerProjection(charts: charts), ProjectionLifecycle.Inline);
    }
}
