using Npgsql;

namespace Ekopz.Api.Hosting;

public static class Database
{
    /// <summary>EKOPZ_DB wins (the README's "real PostgreSQL"); else ConnectionStrings:Ekopz from configuration.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration["EKOPZ_DB"] is { Length: > 0 } env ? env
        : configuration.GetConnectionString("Ekopz") is { Length: > 0 } cs ? cs
        : throw new InvalidOperationException(
            "No database: set EKOPZ_DB to a PostgreSQL connection string (./ekopz up does this for you).");

    /// <summary>
    /// The API's pools (Marten's and <see cref="Ekopz.Api.Infrastructure.ReadDb"/>'s): a connection goes back to the pool
    /// without <c>DISCARD ALL</c> (docs/adr/0045). Nothing here leaves session state on a connection: every lock a request
    /// takes is transaction-scoped (<c>FOR UPDATE</c>, <c>pg_advisory_xact_lock</c>), no <c>SET</c>, no temporary tables,
    /// no LISTEN; Npgsql still rolls back a transaction left open. The start-up DDL's session advisory lock is released
    /// in a <c>finally</c>.
    /// </summary>
    public static string ForApi(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;

    /// <summary>
    /// <see cref="Ekopz.Api.Infrastructure.ReadDb.Interactive"/>'s pool: <c>EKOPZ_READ_POOL</c> connections (a positive whole
    /// number; <c>./ekopz up</c> sets twice the machine's cores when PostgreSQL is the project's own, on the same box), or
    /// none of its own when unset. Only the operator knows how many cores the database has.
    /// </summary>
    public static NpgsqlDataSource? InteractiveReads(IConfiguration configuration, string connectionString)
    {
        if (configuration["EKOPZ_READ_POOL"] is not { Length: > 0 } value) return null;
        if (!int.TryParse(value, out var size) || size < 1)
            throw new InvalidOperationException($"EKOPZ_READ_POOL must be a positive whole number of connections, not '{value}'.");
        return NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = size }.ConnectionString);
    }
}
