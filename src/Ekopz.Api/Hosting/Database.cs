namespace Ekopz.Api.Hosting;

public static class Database
{
    /// <summary>EKOPZ_DB wins (the README's "real PostgreSQL"); else ConnectionStrings:Ekopz from configuration.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration["EKOPZ_DB"] is { Length: > 0 } env ? env
        : configuration.GetConnectionString("Ekopz") is { Length: > 0 } cs ? cs
        : throw new InvalidOperationException(
            "No database: set EKOPZ_DB to a PostgreSQL connection string (./ekopz up does this for you).");
}
