using Npgsql;

namespace Ekopz.Tests.Http.Support;

/// <summary>
/// A fingerprint of everything stored for one koperasi: the count and the last-modified moment (or last sequence) of
/// every table with a tenant column (events, streams, documents, ledger tables), plus its logins. Two equal
/// fingerprints mean nothing was written for it in between: how tests prove that a refused request changed nothing.
/// </summary>
public static class StoredData
{
    public static async Task<string> Fingerprint(string tenant)
    {
        var sql = await FingerprintSql();
        await using var connection = new NpgsqlConnection(EkopzApp.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", tenant);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static string? _sql;

    /// <summary>The fingerprint's query (parameter <c>@t</c>: the koperasi), built once from the schema as it is.</summary>
    public static async Task<string> FingerprintSql()
    {
        if (_sql is not null) return _sql;
        await using var connection = new NpgsqlConnection(EkopzApp.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select c.table_name, bool_or(c.column_name = 'mt_last_modified'), bool_or(c.column_name = 'seq_id')
            from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
            where c.table_schema = 'ekopz' and t.table_type = 'BASE TABLE'
            group by c.table_name having bool_or(c.column_name = 'tenant_id') order by 1
            """, connection);
        var parts = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                var extra = reader.GetBoolean(1) ? " || ':' || coalesce(max(mt_last_modified)::text, '')"
                    : reader.GetBoolean(2) ? " || ':' || coalesce(max(seq_id)::text, '')" : "";
                parts.Add($"(select '{table}:' || count(*){extra} from ekopz.{table} where tenant_id = @t)");
            }
        parts.Add("(select 'users:' || count(*) || ':' || coalesce(max(mt_last_modified)::text, '') from ekopz.mt_doc_useraccount where data->>'koperasi' = @t)");
        return _sql = "select concat_ws('|', " + string.Join(", ", parts) + ")";
    }
}
