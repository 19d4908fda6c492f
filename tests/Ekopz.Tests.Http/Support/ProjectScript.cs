using System.Diagnostics;

namespace Ekopz.Tests.Http.Support;

/// <summary>
/// The project's own script (./ekopz), for tests that need what only it does: a PostgreSQL cluster of
/// their own (the fault test), backups and restores. ./ekopz test sets EKOPZ_SCRIPT.
/// </summary>
public static class ProjectScript
{
    public static string Path =>
        Environment.GetEnvironmentVariable("EKOPZ_SCRIPT") is { Length: > 0 } p ? p
        : throw new InvalidOperationException("EKOPZ_SCRIPT is not set: run the tests with ./ekopz test.");

    public static string RepositoryRoot => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>Runs ./ekopz with <paramref name="args"/>; returns the exit code and what it printed.</summary>
    public static async Task<(int Exit, string Out, string Err)> Run(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var start = new ProcessStartInfo("bash", [Path, .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryRoot,
        };
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The API as a separate process (the Debug build the test run compiled), so a test can kill it.</summary>
    public static Process StartApi(string connectionString, int port, string adminPassword, string jwtKey)
    {
        var dll = System.IO.Path.Combine(RepositoryRoot, "src", "Ekopz.Api", "bin", "Debug", "net10.0", "Ekopz.Api.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = System.IO.Path.GetDirectoryName(dll)!,
        };
        start.Environment["EKOPZ_DB"] = connectionString;
        start.Environment["EKOPZ_ADMIN_PASSWORD"] = adminPassword;
        start.Environment["EKOPZ_JWT_KEY"] = jwtKey;
        start.Environment["EKOPZ_SEED_DEMO"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// A free loopback port among the 4,000 just below the kernel's ephemeral range (the project's own ports, 25432-25436,
    /// and the 5xxx API ports lie further down; docs/adr/0051). The fault test restarts the API on the
    /// same port after killing it; a port from the ephemeral range (what port 0 gives) could meanwhile become the local
    /// port of one of the many client connections the tests open, or linger in TIME-WAIT as one, and the restart would
    /// fail to bind.
    /// </summary>
    public static int FreePort()
    {
        var low = EphemeralLow();
        if (low > 8_000)
            for (var attempt = 0; attempt < 100; attempt++)
                if (TryListen(Random.Shared.Next(low - 4_000, low)) is { } port) return port;
        return TryListen(0) ?? throw new InvalidOperationException("No free loopback port.");
    }

    private static int? TryListen(int port)
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        try { listener.Start(); } catch (System.Net.Sockets.SocketException) { return null; }
        var bound = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return bound;
    }

    /// <summary>The first port of Linux's ephemeral range (/proc/sys/net/ipv4/ip_local_port_range), else 32768.</summary>
    private static int EphemeralLow()
    {
        try { return int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0]); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { return 32768; }
    }
}
