using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ekopz.Tests.Http.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Ekopz.Tests.Http.Platform;

/// <summary>
/// First start of a deployment, each on a database of its own (created here on the test server and
/// dropped after): the operator's password must come from the environment outside Development, and
/// the demo seed, run on every `./ekopz up`, adds nothing the second time.
/// </summary>
public class when_the_platform_starts_on_an_empty_database
{
    [Fact]
    public async Task outside_development_it_refuses_to_start_without_an_operator_password()
    {
        await using var db = await FreshDatabase.Create();

        var refused = () => Start(db.ConnectionString, "Production", adminPassword: null);
        refused.Should().Throw<Exception>().Where(e => Flatten(e).Contains("EKOPZ_ADMIN_PASSWORD"));

        await using var app = Start(db.ConnectionString, "Production", adminPassword: "operator-secret-1");
        using var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = "operator-secret-1" })).StatusCode
            .Should().Be(HttpStatusCode.OK);
        (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = "admin-dev-password" })).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "the development default never applies outside Development");
    }

    [Fact]
    public async Task the_demo_seed_adds_nothing_the_second_time()
    {
        await using var db = await FreshDatabase.Create();

        await using (var first = Start(db.ConnectionString, "Development", adminPassword: null, seedDemo: true))
            first.CreateClient().Dispose();
        var afterFirst = await db.Counts();
        afterFirst.Events.Should().BeGreaterThan(20, "the demo has members, savings, loans and shop history");

        await using (var second = Start(db.ConnectionString, "Development", adminPassword: null, seedDemo: true))
        {
            using var client = second.CreateClient();
            var login = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "budi.demo", password = "demo12345" });
            login.StatusCode.Should().Be(HttpStatusCode.OK, "the demo logins work");
        }
        (await db.Counts()).Should().Be(afterFirst, "a second up seeds nothing twice");
    }

    private static WebApplicationFactory<Program> Start(string connectionString, string environment, string? adminPassword, bool seedDemo = false)
    {
        var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            b.UseSetting("EKOPZ_DB", connectionString);
            b.UseSetting("EKOPZ_ADMIN_PASSWORD", adminPassword ?? "");
            b.UseSetting("EKOPZ_JWT_KEY", "test-signing-key-for-ekopz-http-tests-only-0123456789");
            b.UseSetting("EKOPZ_SEED_DEMO", seedDemo ? "true" : "false");
        });
        try
        {
            app.CreateClient().Dispose(); // starts the host: schema, operator account, seed
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    /// <summary>An empty database on the test server, dropped when disposed.</summary>
    private sealed class FreshDatabase : IAsyncDisposable
    {
        private readonly string _name;
        public string ConnectionString { get; }

        private FreshDatabase(string name, string connectionString) => (_name, ConnectionString) = (name, connectionString);

        public static async Task<FreshDatabase> Create()
        {
            var name = "ekopz_boot_" + Guid.NewGuid().ToString("N")[..12];
            await Admin($"create database {name}");
            var cs = new NpgsqlConnectionStringBuilder(EkopzApp.ConnectionString) { Database = name, MaxPoolSize = 20 }.ConnectionString;
            return new FreshDatabase(name, cs);
        }

        public async Task<(long Events, long Members, long Users)> Counts()
        {
            await using var conn = new NpgsqlConnection(ConnectionString);
            await conn.OpenAsync();
            async Task<long> Count(string table, string where = "true")
            {
                await using var cmd = new NpgsqlCommand($"select count(*) from ekopz.{table} where {where}", conn);
                return (long)(await cmd.ExecuteScalarAsync())!;
            }
            // The koperasi's events: a sign-in adds one to its login's stream in the platform tenant (docs/adr/0018), and is no seed.
            return (await Count("mt_events", "tenant_id <> '*DEFAULT*'"), await Count("mt_doc_member"), await Count("mt_doc_useraccount"));
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await Admin($"drop database if exists {_name} with (force)");
        }

        private static async Task Admin(string sql)
        {
            var cs = new NpgsqlConnectionStringBuilder(EkopzApp.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
