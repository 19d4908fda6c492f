// Small improvements only: every page works without this file (docs/adr/0016).
(function () {
  "use strict";
  // Print buttons.
  document.addEventListener("click", function (e) {
    var t = e.target.closest("[data-print]");
    if (t) { e.preventDefault(); window.print(); }
  });
  // The print view of a receipt opens the printer dialog by itself.
  if (document.querySelector("[data-autoprint]") && !/[?&]tanpa-cetak=1/.test(location.search)) {
    window.addEventListener("load", function () { window.print(); });
  }
  // A form that records something is sent once: a second click while it is on its way does nothing.
  // (The server would answer a repeat with the first result anyway: the form carries an idempotency key.)
  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (f.dataset.once === undefined) return;
    if (f.dataset.sent) { e.preventDefault(); return; }
    var ask = f.dataset.confirm;
    if (ask && !window.confirm(ask)) { e.preventDefault(); return; }
    f.dataset.sent = "1";
  });
  // Live totals of a manual journal: debit and credit as they are typed, and whether they balance.
  var journal = document.querySelector("[data-journal]");
  if (journal) {
    var parse = function (s) {
      s = (s || "").replace(/^Rp/i, "").replace(/\s/g, "");
      if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s)) s = s.replace(/\./g, "").replace(",", ".");
      else s = s.replace(",", ".");
      var n = parseFloat(s); return isNaN(n) ? 0 : Math.round(n * 100);
    };
    var fmt = function (c) { return "Rp " + (c / 100).toLocaleString("id-ID", { maximumFractionDigits: 2 }); };
    var update = function () {
      var d = 0, k = 0;
      journal.querySelectorAll("[data-debit]").forEach(function (i) { d += parse(i.value); });
      journal.querySelectorAll("[data-credit]").forEach(function (i) { k += parse(i.value); });
      var out = document.querySelector("[data-journal-status]");
      if (!out) return;
      out.textContent = out.dataset.template.replace("{d}", fmt(d)).replace("{k}", fmt(k)) + " " +
        (d === k && d > 0 ? out.dataset.ok : out.dataset.bad.replace("{s}", fmt(Math.abs(d - k))));
      out.className = d === k && d > 0 ? "notice success" : "notice warning";
    };
    journal.addEventListener("input", update);
    update();
  }
  // SHU buckets: the running total of the percentages, which must reach 100.
  var buckets = document.querySelector("[data-buckets]");
  if (buckets) {
    var sum = function () {
      var t = 0;
      buckets.querySelectorAll("[data-percent]").forEach(function (i) {
        var v = parseFloat((i.value || "").replace(",", ".")); if (!isNaN(v)) t += v;
      });
      var out = buckets.querySelector("[data-percent-total]");
      if (out) out.textContent = (Math.round(t * 100) / 100).toLocaleString("id-ID") + "%";
    };
    buckets.addEventListener("input", sum);
  }
  // MyKoperasi installs as an app; its service worker caches the static assets only (docs/adr/0021).
  if ("serviceWorker" in navigator && document.querySelector("link[rel=manifest]")) {
    navigator.serviceWorker.register("/sw.js").catch(function () { /* the pages work without it */ });
  }
})();
