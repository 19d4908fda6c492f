using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Loans;
using Marten;
using NodaTime;

namespace Ekopz.Api.Loans;

/// <summary>What loan reads need: the koperasi's today, the loan settings, and the rule that an anggota sees only their own loans.</summary>
public sealed record LoanReadContext(IQuerySession Session, LocalDate Today, LoanSettings? Settings)
{
    public static async Task<LoanReadContext> Open(IQuerySession session, IClock clock, string kop, CancellationToken ct)
    {
        var koperasi = await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(kop), ct) ?? throw DomainException.NotFound("The koperasi");
        var today = koperasi.Today(clock);
        var settings = await session.LoadAsync<LoanSettings>(LoanSettings.StreamId(kop), ct);
        return new LoanReadContext(session, today, settings);
    }

    public LocalDate AsOf(string? text) => QueryParams.Date(text, "asOf") ?? Today;

    public LoanSettingsVersion SettingsAt(LocalDate date) => LoanSettings.At(Settings, date);

    /// <summary>The loan, if the caller may see it: staff see every loan, an anggota only their own (404 otherwise, as for members).</summary>
    public static Loan Visible(Loan? loan, Caller caller) =>
        loan is null || (caller.IsMemberOnly && loan.MemberId != caller.MemberId) ? throw DomainException.NotFound("The loan") : loan;
}
