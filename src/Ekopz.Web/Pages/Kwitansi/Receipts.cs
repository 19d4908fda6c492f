using Ekopz.Web.Api;

namespace Ekopz.Web.Pages.Kwitansi;

/// <summary>
/// Every counter transaction ends on its kwitansi: after the money is recorded the page asks the API
/// for the receipt (numbered once, the same one on every repeat) and shows it.
/// </summary>
public static class Receipts
{
    public static async Task<string> Issue(EkopzApi api, string kop, string source, Guid transactionId, Guid? loanId = null)
    {
        var receipt = await api.IssueReceiptAsync(kop, new IssueReceiptRequest { Source = source, TransactionId = transactionId, LoanId = loanId });
        return $"/kwitansi/{receipt.ReceiptNumber}?baru=1";
    }
}
