using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace Ekopz.Projections.Savings;

/// <summary>
/// Writes the statement lines of every savings money event, inline, in the same transaction as
/// the event: one document per line, never updated. Explicit ApplyAsync (no source-generated
/// dispatch). The database fills in the event's sequence number (docs/adr/0050).
/// </summary>
// JFXEVT006: the analyzer cannot see the RegisterPublishedType call in the constructor.
#pragma warning disable JFXEVT006
public class SavingsLineProjection : EventProjection, Ekopz.Projections.Rebuild.IRebuildsDifferently, IInlineProjection<IDocumentOperations>
#pragma warning restore JFXEVT006
{
    public SavingsLineProjection()
    {
        IncludeType<SavingsDeposited>();
        IncludeType<SavingsWithdrawn>();
        IncludeType<SavingsDepositReversed>();
        IncludeType<SavingsInterestCredited>();
        IncludeType<MemberExited>();
        IncludeType<Ekopz.Domain.Shu.ShuCreditedToSavings>();
        IncludeType<Ekopz.Domain.Imports.MemberOpeningBalancesRecorded>();
        // Lets a rebuild clear the lines before replaying (EventProjection cannot infer it).
        RegisterPublishedType(typeof(SavingsLine));
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var lines = Lines(e).ToList();
        if (lines.Count > 0) WriteMany(operations, e.TenantId, lines);
        return ValueTask.CompletedTask;
    }

    /// <summary>The statement lines one event makes: none, one, or one per kind or part. Pure.</summary>
    public static IEnumerable<SavingsLine> Lines(IEvent e)
    {
        switch (e.Data)
        {
            case SavingsDeposited d:
                yield return Line(e, d.Meta, d.MemberId, d.TransactionId, d.Kind, "deposit", d.Amount, d.Note);
                break;
            case SavingsWithdrawn w:
                yield return Line(e, w.Meta, w.MemberId, w.TransactionId, w.Kind, "withdrawal", -w.Amount, null);
                break;
            case SavingsDepositReversed r:
                var reversal = Line(e, r.Meta, r.MemberId, r.TransactionId, r.Kind, "reversal", -r.Amount, r.Reason);
                reversal.Reverses = r.ReversesTransactionId;
                yield return reversal;
                break;
            case SavingsInterestCredited i:
                yield return Line(e, i.Meta, i.MemberId, i.TransactionId, SavingsKind.Sukarela, "interest", i.Gross,
                    $"Jasa simpanan {i.Month} ({i.Basis}, {i.AnnualRatePercent}%/yr on Rp{i.BalanceBasis:N2})");
                if (i.Tax > 0)
                    yield return Line(e, i.Meta, i.MemberId, i.TransactionId, SavingsKind.Sukarela, "interest_tax", -i.Tax,
                        $"PPh final jasa simpanan {i.Month}", part: 1);
                break;
            case Ekopz.Domain.Shu.ShuCreditedToSavings c:
                yield return Line(e, c.Meta, c.MemberId, c.TransactionId, SavingsKind.Sukarela, "shu", c.Amount, $"SHU tahun {c.Year}");
                break;
            case Ekopz.Domain.Imports.MemberOpeningBalancesRecorded o:
                // Opening balances moved in from the old books: one line per kind that has a balance (docs/adr/0033).
                var openingPart = 0;
                foreach (var (kind, amount) in new[] { (SavingsKind.Pokok, o.Pokok), (SavingsKind.Wajib, o.Wajib), (SavingsKind.Sukarela, o.Sukarela) })
                    if (amount != 0)
                        yield return Line(e, o.Meta, o.MemberId, o.TransactionId, kind, "opening", amount,
                            $"Saldo awal pindahan (berkas {o.SourceFile}, baris {o.SourceRow})", openingPart++);
                break;
            case MemberExited x:
                var part = 0;
                foreach (var kind in new[] { SavingsKind.Pokok, SavingsKind.Wajib, SavingsKind.Sukarela })
                    if (x.Refund.Of(kind) != 0)
                        yield return Line(e, x.Meta, x.MemberId, x.TransactionId, kind, x.Deceased ? "refund_heirs" : "refund",
                            -x.Refund.Of(kind), x.Reason, part++);
                break;
        }
    }

    /// <summary>
    /// Marten applies an inline projection once per unit of work with all its streams, so this replaces the base class's
    /// event-by-event loop with one that gathers the lines of the whole unit of work and writes them together, in one statement
    /// per koperasi: one for a counter deposit, and one for the 18,000 lines of a 10,000-line payroll batch, which were 18,000
    /// Marten upserts (docs/adr/0036).
    /// </summary>
    Task IInlineProjection<IDocumentOperations>.ApplyAsync(IDocumentOperations operations, IEnumerable<StreamAction> streams,
        CancellationToken cancellation)
    {
        Dictionary<string, List<SavingsLine>>? lines = null;
        foreach (var e in streams.SelectMany(s => s.Events))
        {
            try
            {
                foreach (var line in Lines(e))
                {
                    lines ??= [];
                    if (!lines.TryGetValue(e.TenantId, out var list)) lines[e.TenantId] = list = [];
                    list.Add(line);
                }
            }
            catch (Exception ex) when (!ProjectionExceptions.IsExceptionTransient(ex))
            {
                throw new ApplyEventException(e, ex);
            }
        }
        foreach (var (tenant, list) in lines ?? [])
            WriteMany(operations, tenant, list);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Live: the lines in one insert over <c>unnest</c>, with the same JSON, duplicated fields and type name as Marten's own
    /// upsert writes, so queries and loads read them as before. The event's sequence is filled in by the database
    /// (<see cref="EventSequence"/>; events are appended in Quick mode, docs/adr/0050). A rebuild buffers them instead.
    /// </summary>
    protected virtual void WriteMany(IDocumentOperations operations, string tenant, IReadOnlyList<SavingsLine> lines)
    {
        var serializer = operations.DocumentStore.Options.Serializer();
        operations.QueueSqlCommand(
            $"insert into {EkopzMarten.Schema}.mt_doc_savingsline (tenant_id, id, data, mt_version, mt_dotnet_type, mt_last_modified, "
            + "member_id, date_key, transaction_id, kind, type, amount) "
            + "select ?, l.id, jsonb_set(l.data::jsonb, '{sequence}', to_jsonb(" + EventSequence.Sql(EkopzMarten.Schema, "l.seq", "l.event_id") + ")), "
            + "md5(random()::text || clock_timestamp()::text)::uuid, ?, transaction_timestamp(), "
            + "l.member_id, l.date_key, l.transaction_id, l.kind, l.type, l.amount "
            + "from unnest(?::uuid[], ?::text[], ?::uuid[], ?::integer[], ?::uuid[], ?::varchar[], ?::varchar[], ?::numeric[], ?::bigint[], ?::uuid[]) "
            + "as l(id, data, member_id, date_key, transaction_id, kind, type, amount, seq, event_id) "
            + "on conflict (tenant_id, id) do update set data = excluded.data, mt_version = excluded.mt_version, "
            + "mt_dotnet_type = excluded.mt_dotnet_type, mt_last_modified = excluded.mt_last_modified, member_id = excluded.member_id, "
            + "date_key = excluded.date_key, transaction_id = excluded.transaction_id, kind = excluded.kind, type = excluded.type, "
            + "amount = excluded.amount",
            tenant, typeof(SavingsLine).FullName!,
            lines.Select(l => l.Id).ToArray(), lines.Select(l => serializer.ToJson(l)).ToArray(), lines.Select(l => l.MemberId).ToArray(),
            lines.Select(l => l.DateKey).ToArray(), lines.Select(l => l.TransactionId).ToArray(), lines.Select(l => l.Kind).ToArray(),
            lines.Select(l => l.Type).ToArray(), lines.Select(l => l.Amount).ToArray(), lines.Select(l => l.Sequence).ToArray(),
            lines.Select(l => l.EventId).ToArray());
    }

    public JasperFx.Events.Projections.IInlineProjection<IDocumentOperations> ForRebuild() => new SavingsLineBulkRebuild();

    /// <summary>One line; <paramref name="part"/> orders several lines of one event and keeps their ids distinct.</summary>
    private static SavingsLine Line(IEvent e, EventMeta meta, Guid memberId, Guid transactionId, SavingsKind kind, string type,
        decimal amount, string? note, int part = 0) => new()
    {
        Id = part == 0 ? e.Id : DeterministicGuid.Create($"{e.Id}:{part}"),
        EventId = e.Id,
        Part = part,
        MemberId = memberId,
        TransactionId = transactionId,
        Sequence = e.Sequence,
        Kind = kind.Name(),
        Type = type,
        Amount = amount,
        BusinessDate = meta.BusinessDate,
        DateKey = meta.BusinessDate.Key(),
        RecordedAt = meta.RecordedAt,
        RecordedTicks = meta.RecordedAt.Ticks(),
        Actor = meta.Actor,
        Channel = meta.Channel,
        CorrelationId = meta.CorrelationId,
        Note = note,
    };
}
