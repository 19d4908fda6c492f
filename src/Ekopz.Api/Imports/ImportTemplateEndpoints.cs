using Ekopz.Api.Auth;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Imports;

/// <summary>The import templates to download and fill in (docs/adr/0033).</summary>
public static class ImportTemplateEndpoints
{
    /// <summary>The members template (xlsx)</summary>
    /// <remarks>
    /// Pengurus only. An Excel workbook whose first sheet has the Indonesian header row (Nama, NIK, No. HP, Alamat, Tanggal Masuk,
    /// Simpanan Pokok, Simpanan Wajib, Simpanan Sukarela) and one example row marked CONTOH (the dry run asks for it to be
    /// deleted); the second sheet says how to fill it in. Filled in, it is the <c>members</c> file of an opening-balance import.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/imports/templates/members.xlsx", OperationId = "getMembersImportTemplate")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Imports")]
    [ProducesResponseType<Stream>(200, ImportTemplates.XlsxContentType)]
    public static IResult Members(string kop) =>
        Results.File(ImportTemplates.Members(), ImportTemplates.XlsxContentType, "templat-anggota.xlsx");

    /// <summary>The running loans template (xlsx)</summary>
    /// <remarks>
    /// Pengurus only. An Excel workbook whose first sheet has the Indonesian header row (Nama Anggota, NIK, No. Anggota, Pokok Awal,
    /// Sisa Pokok, Bunga % per Tahun, Metode, Sisa Angsuran, Hari Tunggakan, Tanggal Cair) and one example row marked CONTOH; the
    /// second sheet says how to fill it in. Filled in, it is the <c>loans</c> file of an opening-balance import (docs/adr/0035).
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/imports/templates/loans.xlsx", OperationId = "getLoansImportTemplate")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Imports")]
    [ProducesResponseType<Stream>(200, ImportTemplates.XlsxContentType)]
    public static IResult Loans(string kop) =>
        Results.File(ImportTemplates.Loans(), ImportTemplates.XlsxContentType, "templat-pinjaman.xlsx");

    /// <summary>The products and stock template (xlsx)</summary>
    /// <remarks>
    /// Pengurus only. An Excel workbook whose first sheet has the Indonesian header row (Kode Barang, Nama Barang, Satuan, Harga
    /// Anggota, Harga Umum, Stok, Harga Pokok Rata-rata) and one example row marked CONTOH; the second sheet says how to fill it in.
    /// Filled in, it is the <c>products</c> file of an opening-balance import (docs/adr/0035).
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/imports/templates/products.xlsx", OperationId = "getProductsImportTemplate")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Imports")]
    [ProducesResponseType<Stream>(200, ImportTemplates.XlsxContentType)]
    public static IResult Products(string kop) =>
        Results.File(ImportTemplates.Products(), ImportTemplates.XlsxContentType, "templat-persediaan.xlsx");

    /// <summary>The general-ledger opening balances template (xlsx)</summary>
    /// <remarks>
    /// Pengurus only. An Excel workbook whose first sheet has the header row (Kode Akun, Nama Akun, Debit, Kredit) and one row per
    /// balance-sheet account of this koperasi's chart that an opening balance may go to, amounts empty; the second sheet says how
    /// to fill it in. Filled in, it is the <c>ledger</c> file of an opening-balance import.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/imports/templates/ledger.xlsx", OperationId = "getLedgerImportTemplate")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Imports")]
    [ProducesResponseType<Stream>(200, ImportTemplates.XlsxContentType)]
    public static async Task<IResult> Ledger(string kop, IDocumentStore store, IClock clock, HttpContext http)
    {
        await using var session = store.QuerySession(kop);
        var chart = await session.LoadAsync<Chart>(Chart.StreamId(kop), http.RequestAborted) ?? throw DomainException.NotFound("The chart of accounts");
        var settings = await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(kop), http.RequestAborted);
        var today = settings?.Today(clock) ?? clock.GetCurrentInstant().InUtc().Date;
        return Results.File(ImportTemplates.Ledger(chart, today), ImportTemplates.XlsxContentType, "templat-saldo-awal-akun.xlsx");
    }
}
