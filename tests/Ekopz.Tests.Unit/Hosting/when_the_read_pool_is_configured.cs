using Ekopz.Api.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Ekopz.Tests.Unit.Hosting;

/// <summary>EKOPZ_READ_POOL: the member statements' own pool (docs/adr/0049, "Pool size"), or none when unset.</summary>
public class when_the_read_pool_is_configured
{
    private const string Db = "Host=127.0.0.1;Port=5432;Database=ekopz;Username=ekopz;No Reset On Close=true";

    private static IConfiguration With(string? pool) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EKOPZ_READ_POOL"] = pool }).Build();

    [Fact]
    public void unset_there_is_no_pool_of_its_own()
    {
        Database.InteractiveReads(With(null), Db).Should().BeNull();
        Database.InteractiveReads(With(""), Db).Should().BeNull();
    }

    [Fact]
    public void a_number_is_the_pools_size_and_the_rest_of_the_connection_string_is_kept()
    {
        using var pool = Database.InteractiveReads(With("4"), Db)!;
        var settings = new NpgsqlConnectionStringBuilder(pool.ConnectionString);
        settings.MaxPoolSize.Should().Be(4);
        settings.Database.Should().Be("ekopz");
        settings.NoResetOnClose.Should().BeTrue();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("empat")]
    public void anything_else_stops_the_start_with_a_message_that_names_the_setting(string value)
    {
        var start = () => Database.InteractiveReads(With(value), Db);
        start.Should().Throw<InvalidOperationException>().WithMessage("*EKOPZ_READ_POOL*" + value + "*");
    }
}
