using System.Security.Cryptography;
using Ekopz.Domain.Common;
using Ekopz.Domain.Imports;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using NodaTime;

namespace Ekopz.Api.Imports;

/// <summary>An uploaded file: its name and its bytes as base64 (JSON carries the file, so every client can send it).</summary>
public sealed record ImportFile(string? FileName, string? ContentBase64);

/// <param name="CutOverDate">The day the old books end: the opening balances are as of this day (required).</param>
/// <param name="Members">The members template filled in: name, NIK, phone, address, join date, pokok, wajib, sukarela.</param>
/// <param name="Ledger">The general-ledger template filled in: account code, debit, credit.</param>
/// <param name="Loans">The loans template filled in: the loans running at the cut-over (borrower's NIK or member number, principal
/// outstanding, rate, method, remaining installments, days past due, disbursement date).</param>
/// <param name="Products">The products template filled in: SKU, name, unit, prices, stock on hand and its average cost.</param>
public sealed record OpeningBalancesImportRequest(LocalDate? CutOverDate, ImportFile? Members, ImportFile? Ledger, ImportFile? Loans = null,
    ImportFile? Products = null);

/// <summary>
/// One problem of an import, where it is: <paramref name="File"/> is <c>members</c> or <c>ledger</c>, <paramref name="Row"/>
/// the row in the file (1 is the header row, 0 the file as a whole), <paramref name="Column"/> the column's header and letter
/// ("NIK (B)"), <paramref name="Value"/> what the cell holds; <paramref name="Message"/> says what is wrong, in Indonesian.
/// </summary>
public sealed record ImportProblem(string File, int Row, string? Column, string? Value, string Message);

/// <param name="AlreadyApplied">This very file (same SHA-256) was applied before: applying it again records nothing.</param>
public sealed record ImportFileSummary(string Kind, string FileName, string Format, string Sha256, int Rows, bool AlreadyApplied);

public sealed record ImportMemberLine(int Row, string Name, string Nik, LocalDate JoinDate, decimal Pokok, decimal Wajib, decimal Sukarela);

public sealed record ImportAccountLine(int Row, string AccountCode, string AccountName, decimal Debit, decimal Credit);

public sealed record ImportLoanLine(int Row, string Nik, string MemberNumber, decimal Principal, decimal AnnualRate, string Method, int RemainingPeriods,
    int DaysPastDue, LocalDate DisbursedOn, LocalDate FirstDueDate, decimal FirstInstallment);

public sealed record ImportProductLine(int Row, string Sku, string Name, string Unit, decimal Quantity, decimal AverageCost, decimal Value);

/// <summary>What an apply records (or recorded): members and their savings per kind, the ledger's opening lines and totals, the
/// running loans and their principal outstanding, the products and their stock's value.</summary>
public sealed record ImportSummary(int Members, decimal Pokok, decimal Wajib, decimal Sukarela, decimal SavingsTotal, int LedgerLines,
    decimal LedgerDebit, decimal LedgerCredit, IReadOnlyList<ImportMemberLine> FirstMembers, IReadOnlyList<ImportAccountLine> Accounts,
    int Loans = 0, decimal LoanPrincipal = 0m, IReadOnlyList<ImportLoanLine>? FirstLoans = null, int Products = 0, decimal StockValue = 0m,
    IReadOnlyList<ImportProductLine>? FirstProducts = null);

/// <summary>
/// The dry run's report (and the apply's answer): <paramref name="Ok"/> when there is no problem; <paramref name="Applied"/>
/// when this request recorded it; <paramref name="NothingToApply"/> when every file was applied before. At most 1,000
/// problems are listed; <paramref name="ProblemCount"/> counts them all.
/// </summary>
public sealed record OpeningBalancesReport(LocalDate CutOverDate, bool Ok, bool Applied, bool NothingToApply, IReadOnlyList<ImportFileSummary> Files,
    int ProblemCount, IReadOnlyList<ImportProblem> Problems, ImportSummary Summary, Guid? ImportId = null);

/// <summary>A member row ready to record.</summary>
public sealed record PlannedMember(int Row, string Name, string Nik, string? Phone, string? Address, LocalDate JoinDate, decimal Pokok, decimal Wajib,
    decimal Sukarela);

/// <summary>A member already registered, as a loans file may name them (by NIK or member number).</summary>
public sealed record ImportMemberRef(Guid Id, string Number, string Nik, bool Active);

/// <summary>What the koperasi's records say that the checks need: the members (a loan's borrower) and the SKUs already in the catalogue.</summary>
public sealed record ImportContext(Chart Chart, OpeningImports? Imports, IReadOnlySet<string> ExistingNiks, LocalDate Today, IReadOnlySet<string> ClosedPeriods,
    IReadOnlyList<ImportMemberRef>? Registered = null, IReadOnlySet<string>? ExistingSkus = null);

/// <summary>
/// Reads and checks an opening-balance import (docs/adr/0033): every problem by file, row and column, in Indonesian, and
/// what would be recorded. Pure apart from reading the files: the caller supplies what the records say (<see cref="ImportContext"/>).
/// </summary>
public sealed partial class OpeningBalancePlan
{
    public const int MaxListedProblems = 1000;
    public const string MembersKind = "members";
    public const string LedgerKind = "ledger";
    public const string LoansKind = "loans";
    public const string ProductsKind = "products";

    private readonly List<ImportProblem> _problems = [];
    public IReadOnlyList<ImportProblem> Problems => _problems;
    public LocalDate CutOverDate { get; private set; }
    public List<ImportFileSummary> Files { get; } = [];
    public List<PlannedMember> Members { get; } = [];
    public List<ImportAccountLine> LedgerLines { get; } = [];
    public bool HasMembers => Files.Any(f => f.Kind == MembersKind && !f.AlreadyApplied);
    public bool HasLedger => Files.Any(f => f.Kind == LedgerKind && !f.AlreadyApplied);
    public ImportSource? MembersSource { get; private set; }
    public ImportSource? LedgerSource { get; private set; }

    /// <summary>Reads the files (refusing unreadable ones with <see cref="DomainException"/>) and checks every row.</summary>
    public static OpeningBalancePlan Check(OpeningBalancesImportRequest request, ImportContext context)
    {
        var plan = new OpeningBalancePlan();
        if (request.Members is null && request.Ledger is null && request.Loans is null && request.Products is null)
            throw DomainException.Validation("members", "Unggah berkas anggota, saldo awal akun, pinjaman atau persediaan (satu atau lebih).");
        if (request.CutOverDate is not { } cutOver)
            throw DomainException.Validation("cutOverDate", "Isi tanggal pindah (cut-over): saldo awal berlaku per tanggal ini.");
        if (cutOver > context.Today)
            throw DomainException.Validation("cutOverDate", $"Tanggal pindah tidak boleh setelah hari ini ({context.Today:yyyy-MM-dd}).");
        if (cutOver < new LocalDate(1900, 1, 1))
            throw DomainException.Validation("cutOverDate", "Tanggal pindah paling awal 1900-01-01.");
        if (context.ClosedPeriods.Contains(cutOver.ToString("yyyy-MM", null)))
            throw new DomainException(ErrorCodes.PeriodClosed, $"Periode {cutOver:yyyy-MM} sudah ditutup: saldo awal tidak boleh bertanggal di dalamnya.");
        plan.CutOverDate = cutOver;

        var members = Decode(request.Members, "members", "anggota.xlsx");
        var ledger = Decode(request.Ledger, "ledger", "saldo-awal-akun.xlsx");
        if (members is { } m)
        {
            var sheet = Spreadsheet.Read(m.Bytes, m.Name);
            var applied = context.Imports?.Applied(m.Sha) == true;
            plan.Files.Add(new ImportFileSummary(MembersKind, m.Name, sheet.Format, m.Sha, sheet.Rows.Count, applied));
            plan.MembersSource = new ImportSource(MembersKind, m.Name, m.Sha, sheet.Rows.Count);
            if (!applied) plan.CheckMembers(sheet, context);
        }
        if (ledger is { } l)
        {
            var sheet = Spreadsheet.Read(l.Bytes, l.Name);
            var applied = context.Imports?.Applied(l.Sha) == true;
            plan.Files.Add(new ImportFileSummary(LedgerKind, l.Name, sheet.Format, l.Sha, sheet.Rows.Count, applied));
            plan.LedgerSource = new ImportSource(LedgerKind, l.Name, l.Sha, sheet.Rows.Count);
            if (!applied) plan.CheckLedger(sheet, context);
        }
        if (Decode(request.Loans, "loans", "pinjaman.xlsx") is { } lo)
        {
            var sheet = Spreadsheet.Read(lo.Bytes, lo.Name);
            var applied = context.Imports?.Applied(lo.Sha) == true;
            plan.Files.Add(new ImportFileSummary(LoansKind, lo.Name, sheet.Format, lo.Sha, sheet.Rows.Count, applied));
            plan.LoansSource = new ImportSource(LoansKind, lo.Name, lo.Sha, sheet.Rows.Count);
            if (!applied) plan.CheckLoans(sheet, context);
        }
        if (Decode(request.Products, "products", "persediaan.xlsx") is { } pr)
        {
            var sheet = Spreadsheet.Read(pr.Bytes, pr.Name);
            var applied = context.Imports?.Applied(pr.Sha) == true;
            plan.Files.Add(new ImportFileSummary(ProductsKind, pr.Name, sheet.Format, pr.Sha, sheet.Rows.Count, applied));
            plan.ProductsSource = new ImportSource(ProductsKind, pr.Name, pr.Sha, sheet.Rows.Count);
            if (!applied) plan.CheckProducts(sheet, context);
        }
        plan.CheckReconciliation(context);
        plan.CheckSubLedgers(context);
        return plan;
    }

    private static (string Name, byte[] Bytes, string Sha)? Decode(ImportFile? file, string field, string defaultName)
    {
        if (file is null) return null;
        var name = string.IsNullOrWhiteSpace(file.FileName) ? defaultName : Path.GetFileName(file.FileName.Trim());
        if (name.Length > 200) name = name[..200];
        if (string.IsNullOrEmpty(file.ContentBase64))
            throw new DomainException(ErrorCodes.FileRefused, $"Berkas '{name}' kosong.");
        if (file.ContentBase64.Length > (Spreadsheet.MaxFileBytes + 2) / 3 * 4 + 4)
            throw new DomainException(ErrorCodes.FileTooLarge, $"Berkas '{name}' lebih besar dari batas {Spreadsheet.MaxFileBytes / 1024 / 1024} MB.");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(file.ContentBase64);
        }
        catch (FormatException)
        {
            throw DomainException.Validation($"{field}.contentBase64", "The file content must be base64.");
        }
        return (name, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private void Add(string file, int row, string? column, string? value, string message) =>
        _problems.Add(new ImportProblem(file, row, column, value is null ? null : CellValues.Shorten(value), message));

    private static string ColumnName(ImportColumn column, int index) => $"{column.Header} ({Spreadsheet.ColumnLetter(index)})";

    private void CheckMembers(Sheet sheet, ImportContext context)
    {
        var (map, headerProblems) = ImportColumns.Locate(sheet.Headers, ImportColumns.Members);
        foreach (var (column, message) in headerProblems) Add(MembersKind, 1, column, null, message);
        if (headerProblems.Count > 0) return;
        var columns = ImportColumns.Members.ToDictionary(c => c.Key);
        var firstRowOfNik = new Dictionary<string, int>();

        foreach (var row in sheet.Rows)
        {
            Cell? C(string key) => map.TryGetValue(key, out var i) ? row[i] : null;
            string Col(string key) => ColumnName(columns[key], map[key]);
            var before = _problems.Count;

            var (name, nameProblem) = CellValues.Text(C("name"), 200, true, "Nama");
            if (nameProblem is not null) Add(MembersKind, row.Number, Col("name"), C("name")?.Text, nameProblem);
            else if (name!.StartsWith(ImportTemplates.ExampleMark, StringComparison.OrdinalIgnoreCase))
                Add(MembersKind, row.Number, Col("name"), name, "Ini baris contoh dari templat: hapus baris ini sebelum mengunggah.");

            var (nik, nikProblem) = CellValues.Nik(C("nik"));
            if (nikProblem is not null) Add(MembersKind, row.Number, Col("nik"), C("nik")?.Text, nikProblem);
            else if (firstRowOfNik.TryGetValue(nik!, out var first))
                Add(MembersKind, row.Number, Col("nik"), nik, $"NIK {nik} sudah ada di baris {first} berkas ini: satu orang hanya satu baris.");
            else if (context.ExistingNiks.Contains(nik!))
                Add(MembersKind, row.Number, Col("nik"), nik, $"NIK {nik} sudah terdaftar sebagai anggota koperasi ini.");
            if (nik is not null) firstRowOfNik.TryAdd(nik, row.Number);
            if (nik is not null) _memberFileNiks.Add(nik);

            string? phone = null;
            if (map.ContainsKey("phone"))
            {
                var cell = C("phone");
                var raw = (cell?.Text ?? "").Trim().Replace(" ", "").Replace("-", "").Replace(".", "");
                // A phone number typed as a number loses its leading zero: 81234567890 was 081234567890.
                if (cell?.IsNumber == true && raw.StartsWith('8')) raw = "0" + raw;
                if (raw.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(raw, @"^\+?[0-9]{8,15}$"))
                    Add(MembersKind, row.Number, Col("phone"), cell?.Text, "Nomor HP harus 8-15 digit angka, boleh diawali +.");
                else if (raw.Length > 0) phone = raw;
            }
            string? address = null;
            if (map.ContainsKey("address"))
            {
                var (a, addressProblem) = CellValues.Text(C("address"), 500, false, "Alamat");
                if (addressProblem is not null) Add(MembersKind, row.Number, Col("address"), C("address")?.Text, addressProblem);
                address = a;
            }

            var (joinDate, dateProblem) = CellValues.Date(C("joinDate"));
            if (dateProblem is not null) Add(MembersKind, row.Number, Col("joinDate"), C("joinDate")?.Text, dateProblem);
            else if (joinDate > CutOverDate)
                Add(MembersKind, row.Number, Col("joinDate"), C("joinDate")?.Text,
                    $"Tanggal masuk {joinDate:dd/MM/yyyy} setelah tanggal pindah {CutOverDate:dd/MM/yyyy}: anggota baru didaftarkan di Ekopz, bukan lewat impor.");

            decimal Amount(string key)
            {
                var (value, problem) = CellValues.Amount(C(key));
                if (problem is not null) Add(MembersKind, row.Number, Col(key), C(key)?.Text, problem);
                return value;
            }
            var pokok = Amount("pokok");
            var wajib = Amount("wajib");
            var sukarela = Amount("sukarela");

            if (_problems.Count == before)
                Members.Add(new PlannedMember(row.Number, name!, nik!, phone, address, joinDate!.Value, pokok, wajib, sukarela));
        }
    }

    /// <summary>Accounts whose balance is the sum of a sub-ledger this slice cannot open yet: loans and stock come with their own imports.</summary>
    private static readonly string[] SubLedgerRoles =
    [
        AccountRoles.LoanAccruedInterest, AccountRoles.LoanAllowance, AccountRoles.ShopMemberReceivable, AccountRoles.ShopUnitBalance,
    ];

    private void CheckLedger(Sheet sheet, ImportContext context)
    {
        if (context.Imports?.LedgerOpened == true)
        {
            Add(LedgerKind, 0, null, null, "Saldo awal buku besar sudah pernah diterapkan dari berkas lain: saldo awal hanya dicatat sekali. " +
                                           "Koreksi saldo lewat jurnal umum.");
            return;
        }
        var (map, headerProblems) = ImportColumns.Locate(sheet.Headers, ImportColumns.Ledger);
        foreach (var (column, message) in headerProblems) Add(LedgerKind, 1, column, null, message);
        if (headerProblems.Count > 0) return;
        var columns = ImportColumns.Ledger.ToDictionary(c => c.Key);
        var chart = context.Chart;
        var subLedger = SubLedgerRoles.Select(r => TryCode(chart, r, CutOverDate)).Where(c => c is not null).ToHashSet();
        var firstRowOfCode = new Dictionary<string, int>();
        var readable = true;

        foreach (var row in sheet.Rows)
        {
            Cell? C(string key) => map.TryGetValue(key, out var i) ? row[i] : null;
            string Col(string key) => ColumnName(columns[key], map[key]);
            var before = _problems.Count;
            var code = (C("code")?.Text ?? "").Trim();
            var account = code.Length == 0 ? null : chart.Find(code);
            if (code.Length == 0) Add(LedgerKind, row.Number, Col("code"), null, "Kode akun wajib diisi.");
            else if (account is null)
                Add(LedgerKind, row.Number, Col("code"), code, $"Akun {code} tidak ada di bagan akun koperasi ini. Tambahkan akunnya di Pengaturan → Bagan akun, atau perbaiki kodenya.");
            else if (!account.IsActiveOn(CutOverDate))
                Add(LedgerKind, row.Number, Col("code"), code, $"Akun {code} tidak aktif pada {CutOverDate:dd/MM/yyyy}.");
            else if (account.Class is AccountClass.Revenue or AccountClass.Expense)
                Add(LedgerKind, row.Number, Col("code"), code,
                    $"Akun {code} adalah akun pendapatan/beban. Saldo awal hanya untuk akun neraca: pindahkan laba/rugi berjalan ke SHU tahun berjalan (3-3000), atau pilih tanggal pindah di akhir tahun buku.");
            else if (subLedger.Contains(code))
                Add(LedgerKind, row.Number, Col("code"), code,
                    $"Akun {code} ({account.NameAt(CutOverDate)}) dirinci per pinjaman atau per barang; saldo awalnya tidak dapat dipindahkan lewat impor (catat lewat transaksinya setelah pindah).");
            else if (firstRowOfCode.TryGetValue(code, out var first))
                Add(LedgerKind, row.Number, Col("code"), code, $"Akun {code} sudah ada di baris {first}: satu akun satu baris.");
            if (code.Length > 0) firstRowOfCode.TryAdd(code, row.Number);

            var (debit, debitProblem) = CellValues.Amount(C("debit"));
            if (debitProblem is not null) Add(LedgerKind, row.Number, Col("debit"), C("debit")?.Text, debitProblem);
            var (credit, creditProblem) = CellValues.Amount(C("credit"));
            if (creditProblem is not null) Add(LedgerKind, row.Number, Col("credit"), C("credit")?.Text, creditProblem);
            if (debitProblem is null && creditProblem is null)
            {
                if (debit != 0 && credit != 0)
                    Add(LedgerKind, row.Number, Col("credit"), C("credit")?.Text, "Isi debit atau kredit, tidak keduanya: tulis saldo bersihnya di satu sisi.");
                else if (debit == 0 && credit == 0 && _problems.Count == before)
                    continue; // an account of the template left without a balance: nothing to open
            }
            else readable = false;
            if (_problems.Count == before)
                LedgerLines.Add(new ImportAccountLine(row.Number, code, account!.NameAt(CutOverDate), debit, credit));
            else if (debitProblem is null && creditProblem is null)
                LedgerLines.Add(new ImportAccountLine(row.Number, code, account?.NameAt(CutOverDate) ?? "", debit, credit));
        }

        var totalDebit = LedgerLines.Sum(l => l.Debit);
        var totalCredit = LedgerLines.Sum(l => l.Credit);
        if (readable && totalDebit != totalCredit)
            Add(LedgerKind, 0, null, null,
                $"Saldo awal tidak seimbang: total debit {CellValues.Rupiah(totalDebit)}, total kredit {CellValues.Rupiah(totalCredit)}, selisih {CellValues.Rupiah(Math.Abs(totalDebit - totalCredit))}.");
    }

    private static string? TryCode(Chart chart, string role, LocalDate date)
    {
        try { return chart.CodeFor(role, date); }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>
    /// The savings control accounts' opening balances must equal the members' opening savings, kind by kind: those of this
    /// upload plus those recorded by an earlier import. Checked whenever the ledger's balances and members' are both known.
    /// </summary>
    private void CheckReconciliation(ImportContext context)
    {
        var ledgerNew = HasLedger;
        var ledgerBefore = context.Imports?.LedgerOpened == true;
        if (!ledgerNew && !(ledgerBefore && HasMembers)) return;
        if (_problems.Count > 0 && (ledgerNew && LedgerLines.Count == 0)) return;
        var chart = context.Chart;
        foreach (var kind in new[] { SavingsKind.Pokok, SavingsKind.Wajib, SavingsKind.Sukarela })
        {
            var code = TryCode(chart, SavingsPostings.RoleOf(kind), CutOverDate);
            if (code is null) continue;
            var members = Members.Sum(m => kind switch { SavingsKind.Pokok => m.Pokok, SavingsKind.Wajib => m.Wajib, _ => m.Sukarela })
                          + (context.Imports?.Savings(kind) ?? 0m);
            decimal ledger;
            int row;
            if (ledgerNew)
            {
                var line = LedgerLines.FirstOrDefault(l => l.AccountCode == code);
                ledger = line is null ? 0m : line.Credit - line.Debit;
                row = line?.Row ?? 0;
            }
            else
            {
                ledger = context.Imports!.LedgerSavings(kind);
                row = 0;
            }
            if (ledger != members)
                Add(ledgerNew ? LedgerKind : MembersKind, ledgerNew ? row : 0, ledgerNew && row > 0 ? "Kredit" : null, null,
                    $"Saldo awal akun {code} (simpanan {kind.Name()}) {CellValues.Rupiah(ledger)} tidak sama dengan jumlah simpanan {kind.Name()} semua anggota {CellValues.Rupiah(members)}" +
                    $" (selisih {CellValues.Rupiah(Math.Abs(ledger - members))}). Buku besar dan rincian per anggota harus sama.");
        }
    }

    public ImportSummary Summary() => new(
        Members.Count, Members.Sum(m => m.Pokok), Members.Sum(m => m.Wajib), Members.Sum(m => m.Sukarela),
        Members.Sum(m => m.Pokok + m.Wajib + m.Sukarela), LedgerLines.Count, LedgerLines.Sum(l => l.Debit), LedgerLines.Sum(l => l.Credit),
        Members.Take(10).Select(m => new ImportMemberLine(m.Row, m.Name, m.Nik, m.JoinDate, m.Pokok, m.Wajib, m.Sukarela)).ToList(),
        LedgerLines.ToList(), Loans.Count, Loans.Sum(l => l.Loan.Principal), Loans.Take(10).Select(LoanLine).ToList(),
        Products.Count, Products.Sum(p => p.Value), Products.Take(10).Select(ProductLine).ToList());

    private static readonly string[] KindOrder = [MembersKind, LedgerKind, LoansKind, ProductsKind];

    public OpeningBalancesReport Report(bool applied, Guid? importId = null) => new(CutOverDate, Problems.Count == 0, applied,
        Problems.Count == 0 && Files.All(f => f.AlreadyApplied), Files, Problems.Count,
        Problems.OrderBy(p => Array.IndexOf(KindOrder, p.File)).ThenBy(p => p.Row).Take(MaxListedProblems).ToList(), Summary(), importId);
}
