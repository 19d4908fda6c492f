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

    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
