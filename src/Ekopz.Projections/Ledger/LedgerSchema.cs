using Npgsql;

namespace Ekopz.Projections.Ledger;

/// <summary>
/// The ledger's own tables (docs/adr/0009). Plain SQL tables rather than documents because reports
/// sum them by account and date: entries and lines are insert-only; <c>ledger_daily</c> holds the
/// debit and credit totals per account, day, entry kind and counterparty class, split over up to 8 stripe rows that
/// readers sum (docs/adr/0032), maintained by atomic upserts in the same transaction as the lines, so a trial balance for any date is a sum over at most a few hundred
/// rows per account-year, never a scan of the history. <c>ledger_periods</c> holds the close state the
/// posting guard locks against. Idempotent: run at every start.
/// </summary>
public static class LedgerSchema
{
    public static string Ddl(string schema) => $"""
        create schema if not exists {schema};

        create table if not exists {schema}.ledger_entries (
            tenant_id varchar not null,
            entry_id uuid not null,
            event_id uuid,
            sequence bigint not null,
            source varchar not null,
            kind varchar not null,
            business_date date not null,
            recorded_at timestamptz not null,
            actor varchar not null,
            description text not null,
            rule_version varchar not null,
            reference uuid,
            primary key (tenant_id, entry_id));
        create index if not exists ix_ledger_entries_date on {schema}.ledger_entries (tenant_id, business_date);
        create index if not exists ix_ledger_entries_event on {schema}.ledger_entries (tenant_id, event_id);
        -- The equity changes report finds the few SHU allocation entries by their source (docs/adr/0013).
        create index if not exists ix_ledger_entries_source on {schema}.ledger_entries (tenant_id, source, business_date);

        create table if not exists {schema}.ledger_lines (
            tenant_id varchar not null,
            entry_id uuid not null,
            line_no int not null,
            account_code varchar not null,
            business_date date not null,
            recorded_at timestamptz not null,
            kind varchar not null,
            debit numeric(20,2) not null,
            credit numeric(20,2) not null,
            counterparty varchar,
            cash_flow varchar,
            member_id uuid,
            memo text,
            primary key (tenant_id, entry_id, line_no));
        create index if not exists ix_ledger_lines_account on {schema}.ledger_lines (tenant_id, account_code, business_date);
        create index if not exists ix_ledger_lines_recorded on {schema}.ledger_lines (tenant_id, recorded_at);
        create index if not exists ix_ledger_lines_date on {schema}.ledger_lines (tenant_id, business_date);

        create table if not exists {schema}.ledger_daily (
            tenant_id varchar not null,
            account_code varchar not null,
            business_date date not null,
            kind varchar not null,
            counterparty varchar not null,
            stripe smallint not null default 0,
            debit numeric(20,2) not null,
            credit numeric(20,2) not null,
            line_count int not null,
            primary key (tenant_id, account_code, business_date, kind, counterparty, stripe));

        -- Databases made before the stripes (docs/adr/0032): every existing row is stripe 0, the key gains the stripe.
        alter table {schema}.ledger_daily add column if not exists stripe smallint not null default 0;
        do $$
        begin
            if exists (select 1 from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
                       where n.nspname = '{schema}' and c.relname = 'ledger_daily' and i.indisprimary and i.indnatts = 5) then
                alter table {schema}.ledger_daily drop constraint ledger_daily_pkey;
                alter table {schema}.ledger_daily add primary key (tenant_id, account_code, business_date, kind, counterparty, stripe);
            end if;
        end $$;

        -- Adds one entry's daily totals (one element per account and counterparty, in a fixed order). A (day, account,
        -- kind, counterparty) total is the sum of up to 8 stripe rows: each addition goes to the first stripe row that
        -- no other transaction holds (rows this one holds are free to it), so concurrent postings to the same account
        -- and day (every deposit of a koperasi hits its cash account) take different rows instead of queueing on one.
        -- Only when all 8 are held does it wait, on a stripe picked by the transaction id. Without contention
        -- everything lands in stripe 0, one row as before. Readers always sum over the stripes (docs/adr/0032).
        -- p_spread = false (the rebuild, the only writer) adds to stripe 0 directly.
        -- p_guard = true first runs the closed-period guard (ledger_assert_open, below) for p_date: a live regular posting
        -- checks its month in this call instead of a statement of its own (docs/adr/0050). The transaction fails as a
        -- whole either way, so the guard running after the entry's inserts writes nothing that stays.
        drop function if exists {schema}.ledger_daily_add(varchar, date, varchar, varchar[], varchar[], numeric[], numeric[], int[], boolean);
        create or replace function {schema}.ledger_daily_add(p_tenant varchar, p_date date, p_kind varchar, p_accounts varchar[],
            p_counterparties varchar[], p_debits numeric[], p_credits numeric[], p_counts int[], p_spread boolean, p_guard boolean) returns void as $$
        declare
            i int;
            s int;
            v_stripe int;
        begin
            if p_guard then
                perform {schema}.ledger_assert_open(p_tenant, p_date);
            end if;
            for i in 1 .. coalesce(array_length(p_accounts, 1), 0) loop
                v_stripe := 0;
                if p_spread then
                    v_stripe := null;
                    for s in 0 .. 7 loop
                        perform 1 from {schema}.ledger_daily
                            where tenant_id = p_tenant and account_code = p_accounts[i] and business_date = p_date and kind = p_kind
                              and counterparty = p_counterparties[i] and stripe = s
                            for update skip locked;
                        if found then v_stripe := s; exit; end if;
                        -- No committed row for this stripe yet: create it (waits only if another transaction is creating it too).
                        if not exists (select 1 from {schema}.ledger_daily
                            where tenant_id = p_tenant and account_code = p_accounts[i] and business_date = p_date and kind = p_kind
                              and counterparty = p_counterparties[i] and stripe = s) then
                            v_stripe := s; exit;
                        end if;
                    end loop;
                    if v_stripe is null then v_stripe := (txid_current() % 8)::int; end if;
                end if;
                insert into {schema}.ledger_daily as d (tenant_id, account_code, business_date, kind, counterparty, stripe, debit, credit, line_count)
                    values (p_tenant, p_accounts[i], p_date, p_kind, p_counterparties[i], v_stripe, p_debits[i], p_credits[i], p_counts[i])
                    on conflict (tenant_id, account_code, business_date, kind, counterparty, stripe) do update
                    set debit = d.debit + excluded.debit, credit = d.credit + excluded.credit, line_count = d.line_count + excluded.line_count;
            end loop;
        end $$ language plpgsql;

        create table if not exists {schema}.ledger_periods (
            tenant_id varchar not null,
            period char(7) not null,
            status varchar not null,
            digest varchar,
            closed_at timestamptz,
            closed_by varchar,
            primary key (tenant_id, period));

        -- Every regular posting calls this inside its transaction: it holds a share lock on the month's
        -- row until commit, and refuses when the month is closed. A close takes the row for update, so
        -- a posting and the close of its month are serialized: no entry can slip in after the seal.
        create or replace function {schema}.ledger_assert_open(p_tenant varchar, p_date date) returns void as $$
        declare
            v_period char(7) := to_char(p_date, 'YYYY-MM');
            v_status varchar;
        begin
            insert into {schema}.ledger_periods (tenant_id, period, status) values (p_tenant, v_period, 'open')
                on conflict do nothing;
            select status into v_status from {schema}.ledger_periods
                where tenant_id = p_tenant and period = v_period for share;
            if v_status = 'closed' then
                raise exception using errcode = 'EK001', message = 'period_closed:' || v_period;
            end if;
        end $$ language plpgsql;
        """;

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // Serialize concurrent starts (several test hosts, several nodes) on one advisory lock.
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_lock(734001)", connection))
            await lockCommand.ExecuteNonQueryAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(Ddl(schema), connection);
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(734001)", connection);
            await unlock.ExecuteNonQueryAsync(ct);
        }
    }
}
