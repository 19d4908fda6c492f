using Npgsql;

namespace Ekopz.Api.Infrastructure;

/// <summary>
/// Database errors that say nothing about the request: the connection was lost, PostgreSQL is
/// restarting or failing over (57P01 admin shutdown, 57P02, 57P03 starting up, class 08 connection
/// errors, too many connections) or the pool could not hand out a connection. Such a request is
/// retried where that is safe, else answered 503 with Retry-After, never 500 (docs/adr/0019).
/// </summary>
public static class DatabaseFaults
{
    /// <summary>Seconds a client should wait before trying again.</summary>
    public const int RetryAfterSeconds = 2;

    public static bool IsTransient(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                              || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300" or "53400":
                    return true;
                case PostgresException:
                    // Any other error came from a live server about this statement: not a fault of the connection.
                    return false;
                case NpgsqlException { IsTransient: true }:
                case System.Net.Sockets.SocketException:
                case EndOfStreamException:
                    return true;
                case NpgsqlException n when n.Message.Contains("pool", StringComparison.OrdinalIgnoreCase):
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Drops every pooled connection: after PostgreSQL restarts, the pool holds connections the
    /// server has closed, and each would fail one more request.
    /// </summary>
    public static void Forget() => NpgsqlConnection.ClearAllPools();
}
