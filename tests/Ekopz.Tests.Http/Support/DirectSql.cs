using Npgsql;

namespace Ekopz.Tests.Http.Support;

/// <summary>
/// Straight to the test database, past the API: what an attacker with database access (or a bug) could do
/// to the ledger tables or a seal. Tests use it only to tamper, then check that verification notices.
/// </summary>
public static class DirectSql
{
    public const string Schema = "ekopz";

    /// <summary>Runs a statement; returns how many rows it touched.</summary>
    public static async Task<int> Execute(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(EkopzApp.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync();
    }
}
