namespace Ekopz.Projections;

/// <summary>
/// The event's global sequence number as the rows of an inline projection record it (docs/adr/0050).
///
/// Events are appended in Marten's Quick mode: the database assigns the sequence inside <c>mt_quick_append_events</c>, in the
/// same batch as the projections' writes, so an inline projection sees <c>IEvent.Sequence == 0</c>. The row takes it from the
/// event row written a few statements earlier in the same transaction, found through the unique index on the event id. A rebuild
/// replays stored events whose sequence is known, and writes it as it is (the lookup is not evaluated).
/// </summary>
public static class EventSequence
{
    /// <summary>A SQL expression with two parameters, the sequence as known (0 when not) and the event id.</summary>
    public static string Sql(string schema) => $"coalesce(nullif(?, 0), (select seq_id from {schema}.mt_events where id = ?::uuid))";

    /// <summary>The same expression over columns or arrays of an <c>unnest</c>: <paramref name="sequence"/> and <paramref name="eventId"/> name them.</summary>
    public static string Sql(string schema, string sequence, string eventId) =>
        $"coalesce(nullif({sequence}, 0), (select seq_id from {schema}.mt_events where id = {eventId}))";
}
