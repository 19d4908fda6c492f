using Ekopz.Web.Api;

namespace Ekopz.Web.Pages.Saya;

/// <summary>The loan products a member may choose from: those the koperasi offers today, with their terms.</summary>
public static class MemberProducts
{
    public static async Task<List<LoanProductView>> Offered(EkopzApi api, string kop) =>
        (await api.ListLoanProductsAsync(kop)).Where(p => p.Offered && p.Terms?.AnnualRate is not null).OrderBy(p => p.Name).ToList();
}
