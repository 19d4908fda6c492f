using Npgsql;

namespace Ekopz.Projections.Ledger;

/// <summary>
/// The ledger's own tables (docs/adr/0009). Plain SQL tables rather than documents because reports
/// sum them by account and date: entries and lines are insert-only; <c>ledger_daily</c> holds the
/// debit and credit totals per account, day, entry kind and counterparty class, maintained by atomic upserts in the same
/// transaction as the lines, so a trial balance for any date is a sum over at most a few hundred
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
            debit numeric(20,2) not null,
            credit numeric(20,2) not null,
            line_count int not null,
            primary key (tenant_id, account_code, business_date, kind, counterparty));

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
