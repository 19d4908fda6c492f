using Npgsql;

namespace Ekopz.Tests.Http.Support;

/// <summary>
/// Straight to the test database, past the API: what an attacker with database access (or a bug) could do
/// to the ledger tables or a seal. Tests use it only to tamper, then check that verification notices.
/// </summary>
public static class DirectSql
{
    public const string Schema = "ekopz";

    /// <summary>Runs a statement on the server of <paramref name="connectionString"/>, in its maintenance database (create/drop database).</summary>
    public static async Task ExecuteOn(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a statement; returns how many rows it touched.</summary>
    public static async Task<int> Execute(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(EkopzApp.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>How many rows of <paramref name="table"/> (in the schema) belong to koperasi <paramref name="tenant"/>: to prove a read wrote nothing.</summary>
    public static async Task<long> CountFor(string table, string tenant)
    {
        await using var connection = new NpgsqlConnection(EkopzApp.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {Schema}.{table} where tenant_id = @t", connection);
        command.Parameters.AddWithValue("t", tenant);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
