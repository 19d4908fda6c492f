using Ekopz.Api.Receipts.Issuing;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Receipts;
using Ekopz.Domain.Savings;
using NodaTime;
using static Ekopz.Tests.Unit.Writes.WriteScopes;

namespace Ekopz.Tests.Unit.Writes;

/// <summary>The receipt endpoint's pure parts: the request checked, and the next number of the book decided (docs/adr/0037).</summary>
public class when_a_receipt_is_issued_on_the_write_path
{
    private static readonly Guid MemberId = Guid.NewGuid();

    private static ReceiptMoney Deposit(Guid transactionId) => ReceiptContents.Savings(new SavingsDeposited(MemberId, transactionId,
        SavingsKind.Sukarela, 25_000m, CounterpartyClass.Member, CashPoints.Kas, null, new EventMeta("kasir1", Today, Now, Channels.Counter, "c")));

    [Fact]
    public void the_request_names_a_source_and_its_transaction()
    {
        var tx = Guid.NewGuid();
        IssueReceiptEndpoint.Validate(new IssueReceiptRequest(" Savings ", tx)).Should().Be(new ReceiptSource("savings", tx));
        var noSource = () => IssueReceiptEndpoint.Validate(new IssueReceiptRequest("cash", tx));
        noSource.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("source");
        var noLoan = () => IssueReceiptEndpoint.Validate(new IssueReceiptRequest("loan_payment", tx));
        noLoan.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("loanId");
        var noTx = () => IssueReceiptEndpoint.Validate(new IssueReceiptRequest("savings", Guid.Empty));
        noTx.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("transactionId");
    }

    [Fact]
    public void a_new_receipt_takes_the_next_number_of_the_koperasi_book()
    {
        var tx = Guid.NewGuid();
        var book = new ReceiptBook(ReceiptBook.StreamId("kop"), 41);
        var (issued, view) = IssueReceiptEndpoint.Decide(Kasir, "kop", book, new ReceiptSource("savings", tx), Deposit(tx), Active(MemberId, 0m));
        issued.Number.Should().Be(42);
        issued.Meta.Should().Be(new EventMeta("kasir1", Today, Now, Channels.Counter, "corr-1"));
        view.ReceiptNumber.Should().Be(issued.Number);
        var (first, _) = IssueReceiptEndpoint.Decide(Kasir, "kop", null, new ReceiptSource("savings", tx), Deposit(tx), Active(MemberId, 0m));
        first.Number.Should().Be(1);
    }
}
