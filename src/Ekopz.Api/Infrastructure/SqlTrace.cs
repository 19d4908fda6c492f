using System.Diagnostics;

namespace Ekopz.Api.Infrastructure;

/// <summary>
/// With EKOPZ_SQL_TRACE=1, logs every database round trip Npgsql makes (one command or one batch) with the
/// trace id of the request that caused it. Send a request with a W3C <c>traceparent</c> header and grep the
/// log for its trace id: that is how the statement count of one deposit is measured (docs/adr/0025).
/// Off by default: a listener costs a little on every command.
/// </summary>
public static class SqlTrace
{
    public static void EnableIfAsked(IConfiguration configuration, ILoggerFactory loggers)
    {
        if (configuration["EKOPZ_SQL_TRACE"] is not ("1" or "true")) return;
        var logger = loggers.CreateLogger("Ekopz.SqlTrace");
        var listener = new ActivityListener
        {
            // ASP.NET Core's request activity is the parent that carries the trace id; Npgsql's are the round trips.
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name != "Npgsql") return;
                var text = activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement") ?? activity.DisplayName;
                var batch = activity.GetTagItem("db.operation.batch.size");
                logger.LogWarning("sql-roundtrip trace={TraceId} batch={Batch} name={Name} text={Text}",
                    activity.TraceId, batch, activity.DisplayName, text?.ToString()?.ReplaceLineEndings(" "));
            },
        };
        ActivitySource.AddActivityListener(listener);
    }
}
