using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Logins;

/// <summary>
/// What the events of one login name add up to: the failures that count towards a lockout, the lockout itself, the
/// last success. An inline snapshot of the stream <see cref="StreamId"/>; the events are the record, this is the
/// state the sign-in decides on (docs/adr/0018).
/// </summary>
public sealed class LoginRecord
{
    /// <summary>Failures kept for the window check; more than any sane threshold.</summary>
    public const int KeptFailures = 50;

    public Guid Id { get; set; }
    public string Username { get; set; } = "";
    /// <summary>Moments of the failures since the last success, lockout or reset (at most <see cref="KeptFailures"/>).</summary>
    public List<Instant> RecentFailures { get; set; } = [];
    public Instant? LockedUntil { get; set; }
    public Instant? LastSucceededAt { get; set; }
    public Instant? LastFailedAt { get; set; }
    public int Lockouts { get; set; }

    /// <summary>One stream per login name (also for names no login has: they are counted and locked the same way).</summary>
    public static Guid StreamId(string username) => DeterministicGuid.Create("login:" + username);

    /// <summary>The lockout in force at <paramref name="now"/>, if any.</summary>
    public Instant? LockedAt(Instant now) => LockedUntil is { } until && until > now ? until : null;

    public static LoginRecord? Evolve(LoginRecord? state, Guid id, object e)
    {
        var s = state ?? new LoginRecord { Id = id };
        switch (e)
        {
            case LoginSucceeded x:
                s.Username = x.Username;
                s.LastSucceededAt = x.Meta.RecordedAt;
                s.RecentFailures.Clear();
                s.LockedUntil = null;
                break;
            case LoginFailed x:
                s.Username = x.Username;
                s.LastFailedAt = x.Meta.RecordedAt;
                s.RecentFailures.Add(x.Meta.RecordedAt);
                if (s.RecentFailures.Count > KeptFailures) s.RecentFailures.RemoveRange(0, s.RecentFailures.Count - KeptFailures);
                break;
            case LoginLockedOut x:
                s.Username = x.Username;
                s.LockedUntil = x.Until;
                s.Lockouts++;
                s.RecentFailures.Clear();
                break;
            case LoginRefusedWhileLocked x:
                s.Username = x.Username;
                s.LastFailedAt = x.Meta.RecordedAt;
                break;
            case PasswordReset x:
                // The pengurus gave the person a new password: the lockout has done its work.
                s.Username = x.Username;
                s.LockedUntil = null;
                s.RecentFailures.Clear();
                break;
            case PasswordChanged x:
                s.Username = x.Username;
                s.RecentFailures.Clear();
                break;
            case RefreshTokenReused x:
                s.Username = x.Username;
                break;
            case SignedOut x:
                s.Username = x.Username;
                break;
            default:
                return state;
        }
        return s;
    }
}

/// <summary>How many failures lock a login, counted over which window, and for how long (docs/adr/0018).</summary>
public sealed record LockoutRule(int MaxFailures, Duration Window, Duration LockFor)
{
    public static readonly LockoutRule Default = new(5, Duration.FromMinutes(15), Duration.FromMinutes(15));
}

/// <summary>The sign-in decisions, pure: the endpoints read the record, ask here, and append what comes back.</summary>
public static class LoginDecider
{
    /// <summary>
    /// A failed attempt: the failure, and a lockout when it is the <see cref="LockoutRule.MaxFailures"/>th within the
    /// window. Returns the events and the lockout's end when this failure caused one.
    /// </summary>
    public static (IReadOnlyList<object> Events, Instant? LockedUntil) Fail(LoginRecord? record, string username, string reason, LoginMeta meta, LockoutRule rule)
    {
        var now = meta.RecordedAt;
        var since = now - rule.Window;
        var failures = (record?.RecentFailures ?? []).Count(t => t > since) + 1;
        var failed = new LoginFailed(username, reason, meta);
        if (failures < rule.MaxFailures) return ([failed], null);
        var until = now + rule.LockFor;
        return ([failed, new LoginLockedOut(username, until, failures, meta)], until);
    }
}
