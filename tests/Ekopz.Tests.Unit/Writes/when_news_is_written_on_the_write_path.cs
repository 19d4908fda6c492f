using Ekopz.Api.Community;
using Ekopz.Domain.Common;
using Ekopz.Domain.Community;
using static Ekopz.Tests.Unit.Writes.WriteScopes;

namespace Ekopz.Tests.Unit.Writes;

/// <summary>The news endpoints' Decide functions (docs/adr/0037).</summary>
public class when_news_is_written_on_the_write_path
{
    [Fact]
    public void a_post_is_edited_and_withdrawn_by_whoever_does_it_with_the_html_rendered()
    {
        var (posted, view) = NewsWriteEndpoints.DecidePost(Pengurus, new NewsRequest("RAT", "Datang ke **RAT**", true));
        posted.Meta.Should().Be(new EventMeta("pengurus1", Today, Now, Channels.Web, "corr-1"));
        view.BodyHtml.Should().Contain("<strong>RAT</strong>");
        view.Public.Should().BeTrue();
        var post = NewsPost.Evolve(null, posted)!;

        var (_, edited) = NewsWriteEndpoints.DecideEdit(Pengurus2, new NewsRequest("RAT 2026", "Datang", false), post);
        edited.Title.Should().Be("RAT 2026");
        edited.EditedBy.Should().Be("pengurus2");
        var (withdrawn, _) = NewsWriteEndpoints.DecideWithdrawal(Pengurus, post);
        var gone = NewsPost.Evolve(post, withdrawn)!;
        gone.Withdrawn.Should().BeTrue();

        var missing = () => NewsWriteEndpoints.DecideEdit(Pengurus, new NewsRequest("x", "y"), null);
        missing.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
        var noTitle = () => NewsWriteEndpoints.DecidePost(Pengurus, new NewsRequest("", "y"));
        noTitle.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
    }
}

/// <summary>The application decisions' and the publication's Decide functions (docs/adr/0037).</summary>
public class when_applications_are_decided_or_reports_published_on_the_write_path
{
    private static MembershipApplication Pending() => MembershipApplication.Evolve(null,
        ApplicationDecider.Apply(Guid.NewGuid(), 7, "Siti", "3201011501800001", null, null, "hash", new EventMeta("online", Today, Now, Channels.Web, "c")))!;

    [Fact]
    public void a_pending_application_is_verified_into_the_member_or_rejected_once()
    {
        var application = Pending();
        var memberId = Guid.NewGuid();
        var (verified, view) = MembershipApplicationDecisionEndpoints.DecideVerification(Kasir, application,
            new Ekopz.Api.Members.Registering.RegisterMemberResponse(memberId, "000003", "applicant"));
        verified.Meta.Should().Be(new EventMeta("kasir1", Today, Now, Channels.Counter, "corr-1"));
        view.Should().Be(new ApplicationVerifiedView(application.Id, memberId, "000003", ApplicationStatus.Verified));
        var done = MembershipApplication.Evolve(application, verified)!;
        var again = () => MembershipApplicationDecisionEndpoints.DecideRejection(Kasir, new RejectApplicationRequest("KTP tidak cocok"), done);
        again.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
        var (_, rejected) = MembershipApplicationDecisionEndpoints.DecideRejection(Kasir, new RejectApplicationRequest("KTP tidak cocok"), application);
        rejected.Status.Should().Be(ApplicationStatus.Rejected);
        rejected.Nik.Should().NotBe("3201011501800001", "a kasir sees the NIK masked");
    }

    [Fact]
    public void only_a_sealed_month_is_published_and_only_once()
    {
        var closed = new Ekopz.Domain.Ledger.AccountingPeriod(Guid.NewGuid(), "2026-09", new NodaTime.LocalDate(2026, 9, 30), "abc", [], "pengurus1", Now);
        var (published, view) = PublishReportsEndpoint.Decide(Pengurus, "2026-09", closed, null);
        view.Digest.Should().Be("abc");
        view.PublishedBy.Should().Be("pengurus1");
        var open = () => PublishReportsEndpoint.Decide(Pengurus, "2026-10", null, null);
        open.Should().Throw<DomainException>().Which.Code.Should().Be("period_not_closed");
        var twice = () => PublishReportsEndpoint.Decide(Pengurus, "2026-09", closed, PublishedPeriod.Evolve(null, published));
        twice.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }
}
