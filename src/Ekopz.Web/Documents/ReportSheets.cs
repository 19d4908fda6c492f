using Ekopz.Web.Api;
using Ekopz.Web.Components.Books;
using Ekopz.Web.Formatting;
using Ekopz.Web.Session;

namespace Ekopz.Web.Documents;

/// <summary>
/// The console's reports as <see cref="ReportSheet"/>s, read through the API with the signed-in person's token (the API
/// decides who may read what), with the same labels and signs as the report pages. <c>values</c> holds the API's own
/// parameter names (asOf, from, to, account, knownAt), already checked by the caller.
/// </summary>
public static class ReportSheets
{
    /// <summary>The reports that come as PDF and Excel, by the console's name for them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Keys = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["neraca"] = ["asOf", "knownAt"],
        ["neraca-saldo"] = ["asOf", "knownAt"],
        ["phu"] = ["from", "to", "knownAt"],
        ["arus-kas"] = ["from", "to", "knownAt"],
        ["perubahan-ekuitas"] = ["from", "to", "knownAt"],
        ["buku-kas"] = ["from", "to", "account", "knownAt"],
    };

    public static async Task<ReportSheet> Build(EkopzApi api, ConsoleUser me, string report, IReadOnlyDictionary<string, string> values,
        DateTimeOffset now, CancellationToken ct)
    {
        string? V(string key) => values.TryGetValue(key, out var v) ? v : null;
        var knownAt = V("knownAt");
        var recorded = knownAt is not null && DateTimeOffset.TryParse(knownAt, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var k)
            ? Tanggal.Moment(k, me.TimeZone)
            : string.Format(Teks.Dok_sekarang, Tanggal.Moment(now, me.TimeZone));
        var kop = me.Kop;
        switch (report)
        {
            case "neraca":
            {
                var b = await api.GetBalanceSheetAsync(kop, V("asOf"), knownAt, ct);
                var asOf = b.AsOf!.Value;
                var rows = new List<ReportRow> { new(Teks.Neraca_aset, [], RowStyle.Heading) };
                Section(rows, b.CurrentAssets);
                Section(rows, b.NonCurrentAssets);
                rows.Add(new(Teks.Neraca_jumlah_aset, [b.TotalAssets], RowStyle.Total));
                rows.Add(new(Teks.Neraca_liabilitas_ekuitas, [], RowStyle.Heading));
                Section(rows, b.CurrentLiabilities);
                Section(rows, b.NonCurrentLiabilities);
                rows.Add(new(Teks.Neraca_jumlah_liabilitas, [b.TotalLiabilities], RowStyle.Subtotal));
                Section(rows, b.Equity);
                rows.Add(new(Teks.Neraca_jumlah_liabilitas_ekuitas, [b.TotalLiabilitiesAndEquity], RowStyle.Total));
                return new($"neraca-{Tanggal.Iso(asOf)}", Teks.Neraca_resmi, me.KoperasiName, string.Format(Teks.Lap_per, Tanggal.Full(asOf)),
                    recorded, await Seal(api, kop, asOf, ct), Teks.Akun, [Teks.Jumlah], rows,
                    [b.Balanced ? Teks.Neraca_seimbang : Teks.Neraca_tidak_seimbang, Teks.Neraca_ket_shu], [0.7, 0.3]);
            }
            case "neraca-saldo":
            {
                var t = await api.GetTrialBalanceAsync(kop, V("asOf"), knownAt, null, ct);
                var asOf = t.AsOf!.Value;
                var rows = t.Lines.Select(l => new ReportRow(l.AccountName, [l.Debit == 0 ? null : l.Debit, l.Credit == 0 ? null : l.Credit],
                    Code: l.AccountCode)).ToList();
                rows.Add(new(Teks.Jumlah, [t.TotalDebit, t.TotalCredit], RowStyle.Total));
                return new($"neraca-saldo-{Tanggal.Iso(asOf)}", Teks.Ns_judul, me.KoperasiName, string.Format(Teks.Lap_per, Tanggal.Full(asOf)),
                    recorded, await Seal(api, kop, asOf, ct), Teks.Akun, [Teks.Debit, Teks.Kredit], rows,
                    [t.Balanced ? Teks.Ns_seimbang : Teks.Ns_tidak_seimbang], [0.6, 0.2, 0.2]);
            }
            case "phu":
            {
                var p = await api.GetIncomeStatementAsync(kop, V("from"), V("to"), knownAt, ct);
                var rows = new List<ReportRow> { new(Teks.Phu_bagian_anggota, [], RowStyle.Heading) };
                Section(rows, p.Member.Revenues);
                Section(rows, p.Member.CostOfGoods);
                rows.Add(new(Teks.Phu_netto_anggota, [p.Member.Net], RowStyle.Total));
                rows.Add(new(Teks.Phu_bagian_non_anggota, [], RowStyle.Heading));
                Section(rows, p.NonMember.Revenues);
                Section(rows, p.NonMember.CostOfGoods);
                rows.Add(new(Teks.Phu_netto_non_anggota, [p.NonMember.Net], RowStyle.Total));
                Section(rows, p.OperatingExpenses);
                rows.Add(new(Teks.Phu_shu_sebelum_pajak, [p.ShuBeforeTax], RowStyle.Total));
                Section(rows, p.IncomeTax);
                rows.Add(new(Teks.Phu_shu_setelah_pajak, [p.ShuAfterTax], RowStyle.Total));
                return await Period("phu", Teks.Phu_resmi, p.From!.Value, p.To!.Value, Teks.Keterangan, [Teks.Jumlah], rows, [Teks.Phu_ket], [0.7, 0.3]);
            }
            case "arus-kas":
            {
                var c = await api.GetCashFlowAsync(kop, V("from"), V("to"), knownAt, ct);
                var rows = new List<ReportRow>();
                foreach (var s in new[] { c.Operating, c.Investing, c.Financing })
                {
                    rows.Add(new(s.Name, [], RowStyle.Heading));
                    rows.AddRange(s.Lines.Select(l => new ReportRow(BookLabels.CashFlow(l.Category), [l.Inflow, l.Outflow, l.Net])));
                    rows.Add(new(string.Format(Teks.Arus_bersih_dari, BookLabels.InSentence(s.Name)), [null, null, s.Net], RowStyle.Subtotal));
                }
                rows.Add(new(Teks.Arus_perubahan, [null, null, c.NetChange], RowStyle.Total));
                rows.Add(new(Teks.Arus_kas_awal, [null, null, c.OpeningCash], RowStyle.Subtotal));
                rows.Add(new(Teks.Arus_kas_akhir, [null, null, c.ClosingCash], RowStyle.Total));
                return await Period("arus-kas", Teks.Arus_metode, c.From!.Value, c.To!.Value, Teks.Arus_kegiatan, [Teks.Arus_masuk, Teks.Arus_keluar, Teks.Arus_bersih],
                    rows, [c.Reconciles ? Teks.Arus_cocok : Teks.Arus_tidak_cocok], [0.46, 0.18, 0.18, 0.18]);
            }
            case "perubahan-ekuitas":
            {
                var e = await api.GetEquityChangesAsync(kop, V("from"), V("to"), knownAt, ct);
                var cols = e.Columns.ToList();
                (string Label, Func<EquityColumn, decimal> Cell, RowStyle Style)[] lines =
                [
                    (Teks.Ekuitas_saldo_awal, c => c.Opening, RowStyle.Subtotal),
                    (Teks.Ekuitas_penambahan, c => c.Added, RowStyle.Line),
                    (Teks.Ekuitas_pengurangan, c => -c.Reduced, RowStyle.Line),
                    (Teks.Ekuitas_shu_dibagikan, c => -c.Distributed, RowStyle.Line),
                    (Teks.Ekuitas_alokasi_shu, c => c.AllocatedFromShu, RowStyle.Line),
                    (Teks.Ekuitas_reklasifikasi, c => c.Reclassified, RowStyle.Line),
                    (Teks.Ekuitas_shu_periode, c => c.ShuOfPeriod, RowStyle.Line),
                    (Teks.Ekuitas_saldo_akhir, c => c.Closing, RowStyle.Total),
                ];
                var rows = lines.Select(l => new ReportRow(l.Label, [.. cols.Select(c => (object?)l.Cell(c)), cols.Sum(l.Cell)], l.Style)).ToList();
                return await Period("perubahan-ekuitas", Teks.Ekuitas_judul, e.From!.Value, e.To!.Value, Teks.Keterangan,
                    [.. cols.Select(c => BookLabels.EquityColumn(c.Column)), Teks.Jumlah], rows, [Teks.Ekuitas_ket]);
            }
            case "buku-kas":
            {
                var first = await api.GetCashBookAsync(kop, V("from"), V("to"), V("account"), knownAt, 1, 1000, ct);
                var accounts = first.Accounts.Select(a => (a, Lines: a.Lines.ToList())).ToList();
                for (var page = 2; page <= 50 && accounts.Any(x => x.Lines.Count < x.a.TotalLines); page++)
                {
                    var more = await api.GetCashBookAsync(kop, V("from"), V("to"), V("account"), knownAt, page, 1000, ct);
                    foreach (var x in accounts) x.Lines.AddRange(more.Accounts.FirstOrDefault(m => m.AccountCode == x.a.AccountCode)?.Lines ?? []);
                }
                var rows = new List<ReportRow>();
                foreach (var (a, lines) in accounts)
                {
                    rows.Add(new($"{a.AccountCode} {a.AccountName}", [], RowStyle.Heading));
                    rows.Add(new(Teks.Kas_saldo_awal, [first.From, null, null, a.OpeningBalance], RowStyle.Subtotal));
                    var balance = a.OpeningBalance;
                    foreach (var l in lines)
                    {
                        balance += l.Debit - l.Credit;
                        rows.Add(new(l.Description, [l.BusinessDate, l.Debit == 0 ? null : l.Debit, l.Credit == 0 ? null : l.Credit, balance]));
                    }
                    rows.Add(new(Teks.Kas_saldo_akhir, [first.To, a.TotalIn, a.TotalOut, a.ClosingBalance], RowStyle.Total));
                }
                var name = "buku-kas" + (V("account") is { } acc ? "-" + acc : "");
                return await Period(name, Teks.Kas_judul, first.From!.Value, first.To!.Value, Teks.Keterangan,
                    [Teks.Tanggal, Teks.Kas_masuk, Teks.Kas_keluar, Teks.Saldo], rows, [], [0.4, 0.15, 0.15, 0.15, 0.15]);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(report), report, "No such report.");
        }

        async Task<ReportSheet> Period(string file, string title, DateOnly from, DateOnly to, string labelHeader, IReadOnlyList<string> columns, List<ReportRow> rows,
            IReadOnlyList<string> notes, IReadOnlyList<double>? widths = null) =>
            new($"{file}-{Tanggal.Iso(from)}-{Tanggal.Iso(to)}", title, me.KoperasiName,
                string.Format(Teks.Lap_periode, Tanggal.Full(from), Tanggal.Full(to)), recorded, await Seal(api, kop, to, ct), labelHeader, columns, rows, notes, widths);
    }

    private static void Section(List<ReportRow> rows, ReportSection s)
    {
        rows.Add(new(s.Name, [], RowStyle.Heading));
        rows.AddRange(s.Lines.Select(l => new ReportRow(l.AccountName, [l.Amount], Code: l.AccountCode)));
        rows.Add(new(string.Format(Teks.Lap_jumlah_x, BookLabels.InSentence(s.Name)), [s.Total], RowStyle.Subtotal));
    }

    /// <summary>"Bulan 2025-01 sudah ditutup; segel …" when the month holding <paramref name="date"/> is closed; null otherwise or when the caller may not read periods.</summary>
    public static async Task<string?> Seal(EkopzApi api, string kop, DateOnly date, CancellationToken ct)
    {
        var period = $"{date.Year:D4}-{date.Month:D2}";
        try
        {
            var p = await api.GetPeriodAsync(kop, period, ct);
            return p.Status == "closed" && p.Digest is { } digest ? string.Format(Teks.Dok_segel_isi, period, digest) : null;
        }
        catch (ApiException)
        {
            return null;
        }
    }
}
