"""The static style sheet and script of the fleet report's HTML page (``report_html.py``).

Both are constants with no data in them: the script only reads the page it is in, so nothing a
spec says can become code. It sorts a table when a header is clicked (numbers as numbers, ``–``
last in either direction), opens a collapsed API section when the address points at it, sorts
on load when the address is ``#sort=TABLE:KEY`` (``-KEY`` descending: a link can share a view,
and a headless browser can test the sort), and marks ``<body data-ready="1">`` once it has run.
"""

from __future__ import annotations

STYLE = """
:root{--fg:#1d2430;--mute:#5b6675;--line:#d8dee6;--bg:#f6f8fa;--ok:#1a7f37;--bad:#cf222e;
--warn:#9a6700;--bar:#3b6fd4;--track:#e4e9f0}
*{box-sizing:border-box}
body{margin:0;padding:1.5rem 2rem;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,
sans-serif;color:var(--fg);background:#fff}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.2rem;margin:2rem 0 .6rem;
border-bottom:1px solid var(--line);padding-bottom:.3rem}h3{font-size:1rem;margin:1rem 0 .4rem}
.meta{color:var(--mute);margin:0}
.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.card{border:1px solid var(--line);border-radius:6px;padding:.6rem 1rem;min-width:9rem;
background:var(--bg)}.card b{display:block;font-size:1.5rem}.card span{color:var(--mute)}
.problems{border:1px solid var(--bad);border-radius:6px;padding:.5rem 1rem;color:var(--bad)}
table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:.25rem .6rem;text-align:left;
vertical-align:top}
th{background:var(--bg);position:sticky;top:0}
th button{all:unset;cursor:pointer;font-weight:600}
th button:focus-visible{outline:2px solid var(--bar)}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.yes{color:var(--ok)}.no{color:var(--bad)}
.error{color:var(--bad);font-weight:600}.warn{color:var(--warn)}.info,.hint{color:var(--mute)}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
svg .b{fill:var(--bar)}svg .t{fill:var(--track)}svg text{font:11px system-ui,sans-serif;
fill:var(--fg)}svg .m{fill:var(--mute)}
details.api{border:1px solid var(--line);border-radius:6px;margin:.4rem 0;padding:.3rem .8rem}
details.api>summary{cursor:pointer}details.api[open]>summary{margin-bottom:.5rem}
details.api:target{border-color:var(--bar)}
.up{color:var(--ok)}
td ul{margin:0;padding-left:1.1rem}.down{color:var(--bad)}
"""

SCRIPT = """
(function () {
  "use strict";
  var collator = new Intl.Collator(undefined, {numeric: true, sensitivity: "base"});

  function sortKey(cell, numeric) {
    var text = cell ? cell.textContent.trim() : "";
    if (text === "" || text === "\\u2013") return null;
    if (!numeric) return text;
    var number = parseFloat(text);
    return isNaN(number) ? null : number;
  }

  function sortTable(table, index, descending) {
    var header = table.tHead.rows[0].cells[index];
    var numeric = header.classList.contains("n");
    var body = table.tBodies[0];
    var keyed = Array.prototype.map.call(body.rows, function (row, position) {
      return {row: row, key: sortKey(row.cells[index], numeric), position: position};
    });
    keyed.sort(function (a, b) {
      if (a.key === null || b.key === null) {
        if (a.key === b.key) return a.position - b.position;
        return a.key === null ? 1 : -1;
      }
      var order = numeric ? a.key - b.key : collator.compare(a.key, b.key);
      return (descending ? -order : order) || a.position - b.position;
    });
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (item) { fragment.appendChild(item.row); });
    body.appendChild(fragment);
    Array.prototype.forEach.call(header.parentNode.cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  document.addEventListener("click", function (event) {
    var header = event.target.closest("table.sortable th");
    if (!header) return;
    var descending = header.getAttribute("aria-sort") === "ascending";
    sortTable(header.closest("table"), header.cellIndex, descending);
  });

  function followAddress() {
    var hash = decodeURIComponent(location.hash.slice(1));
    var sort = /^sort=([\\w.-]+):(-?)([\\w-]+)$/.exec(hash);
    if (sort) {
      var table = document.getElementById(sort[1]);
      var header = table && table.querySelector("th[data-k='" + sort[3] + "'] button");
      if (!header) return;
      header.parentNode.removeAttribute("aria-sort");
      header.click();  // as a person would: once ascending, twice descending
      if (sort[2] === "-") header.click();
      return;
    }
    var target = hash && document.getElementById(hash);
    if (target && target.tagName === "DETAILS") target.open = true;
  }

  window.addEventListener("hashchange", followAddress);
  followAddress();
  document.body.setAttribute("data-ready", "1");
})();
"""
