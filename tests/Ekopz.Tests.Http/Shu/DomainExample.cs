using System.Net;
using Ekopz.Tests.Http.Loans;
using Ekopz.Tests.Http.Shop;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shu;

/// <summary>
/// The worked example of the domain rules (section 4), lived through 2025 by a koperasi that only uses
/// the API: SHU after tax Rp120,000,000 of which Rp20,000,000 from non-members; members paid
/// Rp180,000,000 loan interest, bought Rp600,000,000 at the shop and hold Rp500,000,000 pokok + wajib;
/// Budi paid 3,600,000, bought 12,000,000 and holds 5,000,000. Each block says how its figures were chosen.
/// </summary>
public sealed record DomainExample(TestKoperasi Kop, Guid Budi, Guid Ani, Guid Citra, Guid Dedi, Guid Eka, Guid Beras, Guid RentAdjustment)
{
    public IReadOnlyList<Guid> Members => [Budi, Ani, Citra, Dedi, Eka];

    /// <summary>The split of the domain doc: cadangan 40, jasa usaha USP 15, toko 10, jasa modal 15, and five funds.</summary>
    public static readonly object[] Buckets =
    [
        new { name = "Cadangan", percent = 40m, kind = "reserve" },
        new { name = "Jasa usaha USP", percent = 15m, kind = "jasa_usaha", basis = "loan_interest" },
        new { name = "Jasa usaha toko", percent = 10m, kind = "jasa_usaha", basis = "purchases" },
        new { name = "Jasa modal", percent = 15m, kind = "jasa_modal" },
        new { name = "Dana pengurus", percent = 5m, kind = "fund" },
        new { name = "Dana karyawan", percent = 5m, kind = "fund" },
        new { name = "Dana pendidikan", percent = 5m, kind = "fund" },
        new { name = "Dana sosial", percent = 2.5m, kind = "fund" },
        new { name = "Dana pembangunan daerah kerja", percent = 2.5m, kind = "fund" },
    ];

    /// <summary>What each member gets, worked by hand: USP 15,000,000 × interest ÷ 180,000,000, toko 10,000,000 × purchases ÷ 600,000,000, modal 15,000,000 × capital ÷ 500,000,000.</summary>
    public static readonly IReadOnlyDictionary<string, (decimal Usp, decimal Toko, decimal Modal)> Expected = new Dictionary<string, (decimal, decimal, decimal)>
    {
        ["Budi"] = (300_000m, 200_000m, 150_000m),     // 3.6/180, 12/600, 5/500
        ["Ani"] = (3_675_000m, 2_500_000m, 3_600_000m), // 44.1/180, 150/600, 120/500
        ["Citra"] = (3_675_000m, 2_500_000m, 3_750_000m), // 44.1/180, 150/600, 125/500
        ["Dedi"] = (3_675_000m, 2_400_000m, 3_750_000m), // 44.1/180, 144/600, 125/500
        ["Eka"] = (3_675_000m, 2_400_000m, 3_750_000m),
    };

    public static decimal TotalOf(string name) => Expected[name].Usp + Expected[name].Toko + Expected[name].Modal;

    public Guid Id(string name) => name switch { "Budi" => Budi, "Ani" => Ani, "Citra" => Citra, "Dedi" => Dedi, _ => Eka };

    /// <summary>Builds 2025 through the endpoints of savings, the ledger, loans and the shop; the year is left open.</summary>
    public static async Task<DomainExample> Build()
    {
        var kop = await TestKoperasi.Create(pokok: 1_000_000m, wajib: 100_000m);

        // Capital (jasa modal): pokok 1,000,000 each plus wajib, so Budi holds 5,000,000 and all five 500,000,000:
        // Budi 1 + 4; Ani 1 + 119; Citra, Dedi and Eka 1 + 124 each (5 + 120 + 3 × 125 = 500 million).
        var budi = await kop.MemberSince("2025-01-02", "Budi");
        var ani = await kop.MemberSince("2025-01-02", "Ani");
        var citra = await kop.MemberSince("2025-01-02", "Citra");
        var dedi = await kop.MemberSince("2025-01-02", "Dedi");
        var eka = await kop.MemberSince("2025-01-02", "Eka");
        await kop.Deposit(budi, "wajib", 4_000_000m, "2025-01-06");
        await kop.Deposit(ani, "wajib", 119_000_000m, "2025-01-06");
        foreach (var m in new[] { citra, dedi, eka }) await kop.Deposit(m, "wajib", 124_000_000m, "2025-01-06");

        // A grant makes own capital 3.5 billion, so one borrower may owe 15% of it = 525,000,000 (the lending limit).
        await kop.Capital(3_000_000_000m, "2025-01-06");

        // Loans: flat 24% a year over 6 months, so each installment carries exactly 2% of the principal as interest and
        // the six paid on their due dates in 2025 carry 12%: Budi 30,000,000 → 3,600,000; the four others 367,500,000 each
        // → 44,100,000 each; 3.6 + 4 × 44.1 = 180 million.
        decimal interest = 0;
        foreach (var (member, principal) in new[] { (budi, 30_000_000m), (ani, 367_500_000m), (citra, 367_500_000m), (dedi, 367_500_000m), (eka, 367_500_000m) })
        {
            var loan = await kop.ActiveLoan(member, "2025-02-03", principal, periods: 6, rate: 24m, method: "flat", channel: "transfer");
            for (var k = 1; k <= 6; k++)
                interest += (await kop.Pay(loan, principal / 6 + principal * 0.02m, $"2025-{2 + k:D2}-03")).Json["allocation"]!["interest"]!.GetValue<decimal>();
        }
        interest.Should().Be(180_000_000m);

        // The shop: rice bought at 90,000 a sack, sold to members at 100,000 and to the public at 120,000. Members buy
        // 6,000 sacks = 600,000,000 (Budi 120 = 12,000,000; Ani and Citra 1,500; Dedi and Eka 1,440), margin 60,000,000;
        // walk-in customers 1,000 sacks = 120,000,000, margin 30,000,000. 100 sacks are left for 2026.
        var beras = await kop.Product("BRS-50", 100_000m, 120_000m, unit: "sak");
        await kop.Receive("2025-04-01", beras, 7_100m, 90_000m, payment: "transfer");
        foreach (var (member, sacks) in new[] { (budi, 120m), (ani, 1_500m), (citra, 1_500m), (dedi, 1_440m), (eka, 1_440m) })
            (await kop.CounterSale("2025-04-07", member, (beras, sacks))).Decimal("total").Should().Be(sacks * 100_000m);
        await kop.CounterSale("2025-04-08", null, (beras, 1_000m));

        // The split follows the contributions: members 180 interest + 60 margin = 240 million; non-members 30 margin + 18
        // other income (the hall let to the public, a manual journal: revenue with no member behind it is non-member
        // business) = 48 million. An SHU of 120 million then has a non-member part of 120 × 48 ÷ 288 = 20 million exactly,
        // which needs expenses of 240 + 48 − 120 = 168 million: salaries 120, electricity 10, rent 18, income tax 20.
        await kop.Adjust("2025-09-15", "Sewa aula kepada umum", ("1-1000", 18_000_000m, 0m), ("4-9000", 0m, 18_000_000m));
        await kop.Adjust("2025-12-20", "Gaji karyawan dan listrik 2025", ("5-3000", 120_000_000m, 0m), ("5-3200", 10_000_000m, 0m),
            ("1-1010", 0m, 130_000_000m));
        var rent = await kop.Adjust("2025-12-22", "Sewa kantor 2025", ("5-3100", 18_000_000m, 0m), ("1-1010", 0m, 18_000_000m));
        await kop.Adjust("2025-12-31", "Pajak penghasilan badan 2025", ("5-9000", 20_000_000m, 0m), ("2-1300", 0m, 20_000_000m));

        return new DomainExample(kop, budi, ani, citra, dedi, eka, beras, rent);
    }

    /// <summary>Closes the twelve months of 2025 in order, then the year; returns the year close.</summary>
    public async Task<Reply> CloseYear()
    {
        for (var m = 1; m <= 12; m++) (await Kop.Pengurus.Post(Kop.Url($"periods/2025-{m:D2}/close"))).ShouldBe(HttpStatusCode.OK);
        return (await Kop.Pengurus.Post(Kop.Url("years/2025/close"))).ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>The RAT of 14 March 2026 decides the domain doc's buckets.</summary>
    public async Task<Reply> Approve() =>
        (await Kop.Pengurus.Post(Kop.Url("shu/2025/approve"), new { buckets = Buckets, businessDate = "2026-03-14" })).ShouldBe(HttpStatusCode.OK);
}
