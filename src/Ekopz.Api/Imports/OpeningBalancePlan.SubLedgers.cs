using System.Text.RegularExpressions;
using Ekopz.Domain.Common;
using Ekopz.Domain.Imports;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Shop;

namespace Ekopz.Api.Imports;

/// <summary>A running loan ready to record: the row read, its borrower (registered, or in the members file of this upload), its schedule.</summary>
public sealed record PlannedLoan(OpeningLoan Loan, ImportMemberRef? Borrower, IReadOnlyList<ScheduledInstallment> Schedule);

/// <summary>
/// The loans and products files of a move-in (docs/adr/0035): each row checked and read into a running loan or a product with
/// its stock; and the loan receivable and inventory control accounts checked against them.
/// </summary>
public sealed partial class OpeningBalancePlan
{
    private readonly HashSet<string> _memberFileNiks = [];
    public List<PlannedLoan> Loans { get; } = [];
    public List<OpeningProduct> Products { get; } = [];
    public bool HasLoans => Files.Any(f => f.Kind == LoansKind && !f.AlreadyApplied);
    public bool HasProducts => Files.Any(f => f.Kind == ProductsKind && !f.AlreadyApplied);
    public ImportSource? LoansSource { get; private set; }
    public ImportSource? ProductsSource { get; private set; }

    private static LoanMethod? Method(string text) => ImportColumn.Normalize(text) switch
    {
        "flat" or "tetap" or "bungatetap" or "flatrate" => LoanMethod.Flat,
        "efektif" or "menurun" or "bungamenurun" or "sliding" or "efektifmenurun" => LoanMethod.Efektif,
        "anuitas" or "anuitet" or "annuity" => LoanMethod.Anuitas,
        _ => null,
    };

    private void CheckLoans(Sheet sheet, ImportContext context)
    {
        var (map, headerProblems) = ImportColumns.Locate(sheet.Headers, ImportColumns.Loans);
        foreach (var (column, message) in headerProblems) Add(LoansKind, 1, column, null, message);
        if (!map.ContainsKey("nik") && !map.ContainsKey("memberNumber"))
            Add(LoansKind, 1, "NIK", null, "Kolom 'NIK' atau 'No. Anggota' wajib ada: peminjam dikenali dari salah satunya.");
        if (_problems.Any(p => p.File == LoansKind)) return;
        var columns = ImportColumns.Loans.ToDictionary(c => c.Key);
        var registered = context.Registered ?? [];
        var byNik = registered.GroupBy(m => m.Nik).ToDictionary(g => g.Key, g => g.First());
        var byNumber = registered.GroupBy(m => m.Number).ToDictionary(g => g.Key, g => g.First());

        foreach (var row in sheet.Rows)
        {
            Cell? C(string key) => map.TryGetValue(key, out var i) ? row[i] : null;
            string Col(string key) => ColumnName(columns[key], map[key]);
            var before = _problems.Count;

            if (map.ContainsKey("name") && (C("name")?.Text ?? "").Trim().StartsWith(ImportTemplates.ExampleMark, StringComparison.OrdinalIgnoreCase))
                Add(LoansKind, row.Number, Col("name"), C("name")?.Text, "Ini baris contoh dari templat: hapus baris ini sebelum mengunggah.");

            // The borrower: by NIK (registered, or in this upload's members file) or by member number.
            ImportMemberRef? borrower = null;
            string? nik = null;
            var nikText = (C("nik")?.Text ?? "").Trim();
            var numberText = (C("memberNumber")?.Text ?? "").Trim();
            if (nikText.Length > 0)
            {
                var (n, nikProblem) = CellValues.Nik(C("nik"));
                if (nikProblem is not null) Add(LoansKind, row.Number, Col("nik"), nikText, nikProblem);
                else if (byNik.TryGetValue(n!, out var m)) { borrower = m; nik = n; }
                else if (_memberFileNiks.Contains(n!)) nik = n;
                else Add(LoansKind, row.Number, Col("nik"), n, $"Tidak ada anggota dengan NIK {n}, di koperasi ini maupun di berkas anggota yang diunggah bersama.");
            }
            if (numberText.Length > 0 && _problems.Count == before)
            {
                if (!byNumber.TryGetValue(numberText, out var m))
                    Add(LoansKind, row.Number, Col("memberNumber"), numberText, $"Tidak ada anggota dengan nomor {numberText}.");
                else if (nik is not null && m.Nik != nik)
                    Add(LoansKind, row.Number, Col("memberNumber"), numberText, $"No. anggota {numberText} milik NIK lain ({m.Nik}), bukan {nik}.");
                else { borrower = m; nik = m.Nik; }
            }
            if (nikText.Length == 0 && numberText.Length == 0)
                Add(LoansKind, row.Number, map.ContainsKey("nik") ? Col("nik") : Col("memberNumber"), null, "Isi NIK atau No. Anggota peminjam.");
            if (borrower is { Active: false })
                Add(LoansKind, row.Number, map.ContainsKey("nik") ? Col("nik") : Col("memberNumber"), nik,
                    $"Anggota {borrower.Number} tidak aktif (keluar atau diberhentikan): pinjaman berjalan hanya untuk anggota aktif.");

            var (principal, principalProblem) = CellValues.Amount(C("principal"));
            if (principalProblem is not null) Add(LoansKind, row.Number, Col("principal"), C("principal")?.Text, principalProblem);
            else if (principal <= 0)
                Add(LoansKind, row.Number, Col("principal"), C("principal")?.Text, "Sisa pokok harus lebih dari 0: pinjaman yang sudah lunas tidak perlu dipindahkan.");
            decimal? original = null;
            if (map.ContainsKey("original") && (C("original")?.Text ?? "").Trim().Length > 0)
            {
                var (o, originalProblem) = CellValues.Amount(C("original"));
                if (originalProblem is not null) Add(LoansKind, row.Number, Col("original"), C("original")?.Text, originalProblem);
                else if (principalProblem is null && o < principal)
                    Add(LoansKind, row.Number, Col("original"), C("original")?.Text, $"Pokok awal {CellValues.Rupiah(o)} lebih kecil dari sisa pokok {CellValues.Rupiah(principal)}.");
                else original = o;
            }
            var (rate, rateProblem) = CellValues.Rate(C("rate"));
            if (rateProblem is not null) Add(LoansKind, row.Number, Col("rate"), C("rate")?.Text, rateProblem);
            var methodText = (C("method")?.Text ?? "").Trim();
            var method = Method(methodText);
            if (method is null)
                Add(LoansKind, row.Number, Col("method"), methodText, "Metode bunga harus flat, efektif (menurun) atau anuitas.");
            var (periods, periodsProblem) = CellValues.Whole(C("periods"), 1, LoanLimits.MaxPeriods, null, "Sisa angsuran");
            if (periodsProblem is not null) Add(LoansKind, row.Number, Col("periods"), C("periods")?.Text, periodsProblem);
            var (dpd, dpdProblem) = map.ContainsKey("dpd") ? CellValues.Whole(C("dpd"), 0, 3650, 0, "Hari tunggakan") : (0, null);
            if (dpdProblem is not null) Add(LoansKind, row.Number, Col("dpd"), C("dpd")?.Text, dpdProblem);
            var (disbursed, dateProblem) = CellValues.Date(C("disbursed"));
            if (dateProblem is not null) Add(LoansKind, row.Number, Col("disbursed"), C("disbursed")?.Text, dateProblem);
            else if (disbursed > CutOverDate)
                Add(LoansKind, row.Number, Col("disbursed"), C("disbursed")?.Text,
                    $"Tanggal cair {disbursed:dd/MM/yyyy} setelah tanggal pindah {CutOverDate:dd/MM/yyyy}: pinjaman baru dicairkan di Ekopz, bukan lewat impor.");
            else if (dpdProblem is null && dpd > 0 && CutOverDate.PlusDays(-dpd) <= disbursed)
                Add(LoansKind, row.Number, Col("dpd"), C("dpd")?.Text, $"Tunggakan {dpd} hari berarti angsuran jatuh tempo sebelum tanggal cair {disbursed:dd/MM/yyyy}.");

            if (_problems.Count != before) continue;
            var loan = new OpeningLoan(row.Number, nik!, principal, original, rate, method!.Value, periods, dpd, disbursed!.Value);
            try
            {
                Loans.Add(new PlannedLoan(loan, borrower, LoanOpenings.Schedule(loan, CutOverDate)));
            }
            catch (DomainException)
            {
                Add(LoansKind, row.Number, Col("principal"), C("principal")?.Text,
                    $"Sisa pokok {CellValues.Rupiah(principal)} terlalu kecil untuk {periods} angsuran: ada angsuran yang tidak membayar pokok.");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
    private static partial Regex SkuPattern();

    private void CheckProducts(Sheet sheet, ImportContext context)
    {
        var (map, headerProblems) = ImportColumns.Locate(sheet.Headers, ImportColumns.Products);
        foreach (var (column, message) in headerProblems) Add(ProductsKind, 1, column, null, message);
        if (headerProblems.Count > 0) return;
        var columns = ImportColumns.Products.ToDictionary(c => c.Key);
        var existing = context.ExistingSkus ?? new HashSet<string>();
        var firstRowOfSku = new Dictionary<string, int>();

        foreach (var row in sheet.Rows)
        {
            Cell? C(string key) => map.TryGetValue(key, out var i) ? row[i] : null;
            string Col(string key) => ColumnName(columns[key], map[key]);
            var before = _problems.Count;

            var sku = (C("sku")?.Text ?? "").Trim().ToUpperInvariant();
            if (sku.EndsWith(".0", StringComparison.Ordinal) && C("sku")!.IsNumber) sku = sku[..^2];
            if (sku.Length == 0) Add(ProductsKind, row.Number, Col("sku"), null, "Kode barang wajib diisi.");
            else if (!SkuPattern().IsMatch(sku))
                Add(ProductsKind, row.Number, Col("sku"), sku, "Kode barang 1-40 huruf, angka, titik, strip atau garis bawah, tanpa spasi.");
            else if (firstRowOfSku.TryGetValue(sku, out var first))
                Add(ProductsKind, row.Number, Col("sku"), sku, $"Kode barang {sku} sudah ada di baris {first}: satu barang satu baris.");
            else if (existing.Contains(sku))
                Add(ProductsKind, row.Number, Col("sku"), sku, $"Barang {sku} sudah ada di katalog: stoknya dicatat lewat penerimaan barang atau stock opname.");
            if (sku.Length > 0) firstRowOfSku.TryAdd(sku, row.Number);

            var (name, nameProblem) = CellValues.Text(C("name"), 200, true, "Nama barang");
            if (nameProblem is not null) Add(ProductsKind, row.Number, Col("name"), C("name")?.Text, nameProblem);
            else if (name!.StartsWith(ImportTemplates.ExampleMark, StringComparison.OrdinalIgnoreCase))
                Add(ProductsKind, row.Number, Col("name"), name, "Ini baris contoh dari templat: hapus baris ini sebelum mengunggah.");
            var uom = map.ContainsKey("uom") ? (C("uom")?.Text ?? "").Trim().ToLowerInvariant() : "";
            if (uom.Length == 0) uom = Uoms.Pcs;
            if (!Uoms.IsValid(uom))
                Add(ProductsKind, row.Number, Col("uom"), uom, $"Satuan harus salah satu dari: {string.Join(", ", Uoms.All)}.");

            decimal Amount(string key)
            {
                var (value, problem) = CellValues.Amount(C(key));
                if (problem is not null) Add(ProductsKind, row.Number, Col(key), C(key)?.Text, problem);
                return value;
            }
            var memberBefore = _problems.Count;
            var memberPrice = Amount("memberPrice");
            var publicPrice = Amount("publicPrice");
            if (_problems.Count == memberBefore)
            {
                if (memberPrice <= 0) Add(ProductsKind, row.Number, Col("memberPrice"), C("memberPrice")?.Text, "Harga anggota harus lebih dari 0.");
                else if (publicPrice <= 0) Add(ProductsKind, row.Number, Col("publicPrice"), C("publicPrice")?.Text, "Harga umum harus lebih dari 0.");
                else if (memberPrice > publicPrice)
                    Add(ProductsKind, row.Number, Col("memberPrice"), C("memberPrice")?.Text, "Harga anggota tidak boleh lebih tinggi dari harga umum.");
            }

            var quantityText = (C("quantity")?.Text ?? "").Trim();
            var quantity = 0m;
            if (quantityText.StartsWith('-') || quantityText.StartsWith('('))
                Add(ProductsKind, row.Number, Col("quantity"), quantityText,
                    "Stok negatif tidak dapat dipindahkan: hitung ulang barangnya (stock opname) dan tulis stok yang benar-benar ada.");
            else
            {
                var (q, problem) = CellValues.Amount(C("quantity"));
                if (problem is not null) Add(ProductsKind, row.Number, Col("quantity"), quantityText, problem);
                else if (q > Uoms.MaxQuantity) Add(ProductsKind, row.Number, Col("quantity"), quantityText, "Stok terlalu besar.");
                else if (Uoms.IsValid(uom) && Uoms.IsWhole(uom) && decimal.Truncate(q) != q)
                    Add(ProductsKind, row.Number, Col("quantity"), quantityText, $"Barang dalam satuan {uom} dihitung utuh; {quantityText} bukan bilangan bulat.");
                else quantity = q;
            }
            var costText = (C("averageCost")?.Text ?? "").Trim();
            var cost = 0m;
            if (costText.StartsWith('-')) Add(ProductsKind, row.Number, Col("averageCost"), costText, "Harga pokok tidak boleh negatif.");
            else
            {
                cost = Amount("averageCost");
                if (quantity > 0 && cost == 0 && _problems.Count == before)
                    Add(ProductsKind, row.Number, Col("averageCost"), costText, "Barang yang ada stoknya perlu harga pokok rata-rata (lebih dari 0).");
            }

            if (_problems.Count == before)
                Products.Add(new OpeningProduct(row.Number, sku, name!, uom, memberPrice, publicPrice, quantity, cost));
        }
    }

    /// <summary>
    /// The loan receivable and inventory control accounts' opening balances must equal their sub-ledgers (the loans' principal
    /// outstanding, the products' stock value), counting earlier imports: checked whenever the ledger's balances and the
    /// sub-ledger's are both known (a ledger file now, or a sub-ledger file after the ledger was opened).
    /// </summary>
    private void CheckSubLedgers(ImportContext context)
    {
        var ledgerNew = HasLedger;
        var ledgerBefore = context.Imports?.LedgerOpened == true;
        var imports = context.Imports;
        Check(AccountRoles.LoanReceivable, HasLoans, Loans.Sum(l => l.Loan.Principal) + (imports?.LoanPrincipal ?? 0m), imports?.LedgerLoanReceivable ?? 0m,
            "piutang pinjaman", "sisa pokok semua pinjaman di berkas pinjaman", LoansKind);
        Check(AccountRoles.ShopInventory, HasProducts, Products.Sum(p => p.Value) + (imports?.StockValue ?? 0m), imports?.LedgerInventory ?? 0m,
            "persediaan", "nilai stok semua barang di berkas persediaan", ProductsKind);

        void Check(string role, bool subLedgerNew, decimal subLedger, decimal ledgerEarlier, string what, string ofWhat, string kind)
        {
            if (!ledgerNew && !(ledgerBefore && subLedgerNew)) return;
            if (ledgerNew && LedgerLines.Count == 0 && _problems.Count > 0) return;
            // A sub-ledger file with problems has not been read whole: its total says nothing yet.
            if (subLedgerNew && _problems.Any(p => p.File == kind)) return;
            var code = TryCode(context.Chart, role, CutOverDate);
            if (code is null) return;
            decimal ledger;
            var row = 0;
            if (ledgerNew)
            {
                var line = LedgerLines.FirstOrDefault(l => l.AccountCode == code);
                ledger = line is null ? 0m : line.Debit - line.Credit;
                row = line?.Row ?? 0;
            }
            else ledger = ledgerEarlier;
            if (ledger == subLedger) return;
            Add(ledgerNew ? LedgerKind : kind, row, ledgerNew && row > 0 ? "Debit" : null, null,
                $"Saldo awal akun {code} ({what}) {CellValues.Rupiah(ledger)} tidak sama dengan {ofWhat} {CellValues.Rupiah(subLedger)}" +
                $" (selisih {CellValues.Rupiah(Math.Abs(ledger - subLedger))}). Buku besar dan rinciannya harus sama." +
                (ledger != 0 && subLedger == 0 ? " Unggah berkasnya bersama saldo awal akun." : ""));
        }
    }

    /// <summary>The ledger file's balance of a control account (debit positive), when a ledger file comes with this apply.</summary>
    public decimal? LedgerBalanceOf(Chart chart, string role)
    {
        if (!HasLedger) return null;
        var code = TryCode(chart, role, CutOverDate);
        var line = code is null ? null : LedgerLines.FirstOrDefault(l => l.AccountCode == code);
        return line is null ? 0m : line.Debit - line.Credit;
    }

    private static ImportLoanLine LoanLine(PlannedLoan l) => new(l.Loan.Row, l.Loan.Nik, l.Borrower?.Number ?? "", l.Loan.Principal, l.Loan.AnnualRate,
        l.Loan.Method.Name(), l.Loan.RemainingPeriods, l.Loan.DaysPastDue, l.Loan.DisbursedOn, l.Schedule[0].DueDate, l.Schedule[0].Amount);

    private static ImportProductLine ProductLine(OpeningProduct p) => new(p.Row, p.Sku, p.Name, p.Uom, p.Quantity, p.AverageCost, p.Value);
}
