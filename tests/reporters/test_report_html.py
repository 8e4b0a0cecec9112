"""``apilint report --format html``: the self-contained page (reporters/report_html.py).

The page is read twice: as text (escaping, no external resource, exact cells) and as a person
sees it, in headless Chromium with the network cut off (the DOM after the script ran, the
charts, the console, a screenshot). The browser tests are skipped where no Chromium is
installed; ``.ci/run`` installs the Debian package ``chromium`` where it can.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

import pytest

from apilint.fleet.model import (
    SCORE_AREAS,
    Adoption,
    ApiProfile,
    ApiSummary,
    ApiTrend,
    Distribution,
    FleetFinding,
    FleetReport,
    GroupSummary,
    Hotspot,
    Ownership,
    RuleTally,
    Score,
    ShownFinding,
    Trend,
)
from apilint.reporters import report_html
from apilint.reporters.report_html import api_anchors, file_link, render

ROOT = "/srv/apis"
#: Spec text that would run if it were not escaped (console errors, never a dialog that would
#: stop a headless browser).
HOSTILE = '<script>console.error("x")</script>'

# -- building reports by hand -----------------------------------------------------------------


def _finding(index: int, file: str, message: str = "Operation has no summary") -> ShownFinding:
    return ShownFinding(
        rule="operation-summary" if index % 2 else "path-casing",
        severity="warn" if index % 3 else "error",
        area="documentation",
        message=f"{message} ({index})",
        file=file,
        line=10 + index,
        column=5,
        pointer=f"/paths/~1items/get/{index}",
    )


def make_api(
    name: str,
    team: str | None,
    total: float | None,
    *,
    areas: dict[str, float | None] | None = None,
    errors: int = 0,
    warnings: int = 0,
    shown: int = 2,
    title: str = "Orders",
    message: str = "Operation has no summary",
) -> ApiSummary:
    """An API as the report has it; ``total`` None: it could not be linted."""
    tallies = []
    if errors:
        tallies.append(
            RuleTally(
                rule="path-casing",
                area="naming",
                severity="error",
                findings=errors,
                places=errors,
                example="bad path",
            )
        )
    if warnings:
        tallies.append(
            RuleTally(
                rule="operation-summary",
                area="documentation",
                severity="warn",
                findings=warnings,
                places=warnings,
                example="no summary",
            )
        )
    profile = ApiProfile(
        name=name,
        file=name,
        title=title,
        version="1.0.0",
        owner=team,
        operations=12,
        tallies=tuple(tallies),
        documentation=None if total is None else 80.0,
        documentation_kinds={},
        auth_coverage=None if total is None else 100.0,
        passes=total is not None and not errors,
        shown=tuple(_finding(index, name, message) for index in range(shown)),
        error="cannot read the file" if total is None else None,
    )
    if total is None:
        score = None
    else:
        subscores = areas or dict.fromkeys(SCORE_AREAS, total)
        score = Score(total=total, areas=subscores)
    hotspots = (
        (Hotspot(rule="path-casing", area="naming", findings=errors, gain=4.5, example="bad path"),)
        if errors
        else ()
    )
    ownership = Ownership(team=team, source="config" if team else None)
    return ApiSummary(profile=profile, ownership=ownership, score=score, hotspots=hotspots)


def _group(name: str | None, apis: Sequence[ApiSummary]) -> GroupSummary:
    scores = sorted(api.score.total for api in apis if api.score is not None)
    bands = [0] * 10
    for value in scores:
        bands[min(int(value // 10), 9)] += 1
    middle = len(scores) // 2
    median = None
    if scores:
        median = scores[middle] if len(scores) % 2 else (scores[middle - 1] + scores[middle]) / 2
    return GroupSummary(
        name=name,
        apis=tuple(api.name for api in apis),
        passing=sum(1 for api in apis if api.profile.passes),
        failed_to_load=sum(1 for api in apis if api.score is None),
        distribution=Distribution(
            bands=tuple(bands),
            mean=round(sum(scores) / len(scores), 1) if scores else None,
            median=median,
        ),
    )


def make_report(apis: Sequence[ApiSummary], *, trend: Trend | None = None) -> FleetReport:
    """A fleet report of these APIs, its teams and fleet figures computed from them."""
    teams = sorted({api.team or "" for api in apis}, key=lambda team: (team == "", team))
    return FleetReport(
        generated="2026-12-06T21:00:00Z",
        root=ROOT,
        apis=tuple(sorted(apis, key=lambda api: api.name)),
        teams=tuple(_group(team, [a for a in apis if (a.team or "") == team]) for team in teams),
        fleet=_group(None, apis),
        adoption=(
            Adoption(rule="path-casing", area="naming", breaking=("orders.yaml",), apis=4),
            Adoption(rule="operation-summary", area="documentation", breaking=(), apis=4),
        ),
        consistency=(
            FleetFinding(
                check="pagination",
                concern="pagination parameters",
                aspect="query parameters",
                majority="limit/offset",
                following=("billing.yaml", "users.yaml"),
                differing={"orders.yaml": "page/per_page"},
                message="2 APIs use limit/offset; orders.yaml uses page/per_page",
            ),
        ),
        trend=trend,
    )


def small_fleet() -> FleetReport:
    """Four APIs: two teams, one unowned, one that could not be linted; scores that sort
    differently as text and as numbers (9.5 < 10.0 < 100.0); a hostile title and message."""
    apis = [
        make_api(
            "orders.yaml",
            "payments",
            9.5,
            errors=3,
            warnings=7,
            shown=3,
            areas={
                "structure": 20.0,
                "naming": 0.0,
                "documentation": 15.5,
                "security": None,
                "versioning": 12.0,
            },
        ),
        make_api(
            "billing.yaml",
            "payments",
            100.0,
            title=HOSTILE,
            message='"><img src=x onerror=console.error(1)>',
        ),
        make_api("users.yaml", None, 10.0, warnings=2),
        make_api("legacy/broken.yaml", "identity", None, shown=0),
    ]
    trend = Trend(
        since="snapshots/2026-11-01.json",
        generated="2026-11-01T08:00:00Z",
        apis=(
            ApiTrend(
                name="orders.yaml",
                team="payments",
                status="regressed",
                before=30.0,
                after=9.5,
                new_rules=("path-casing",),
            ),
            ApiTrend(
                name="billing.yaml", team="payments", status="unchanged", before=100.0, after=100.0
            ),
            ApiTrend(name="gone.yaml", team=None, status="removed", before=50.0, after=None),
            ApiTrend(
                name="users.yaml",
                team=None,
                status="regressed",
                before=13.0,
                after=10.0,
                fixed_rules=("operation-summary", "path-casing"),
            ),
        ),
        teams={"payments": (65.0, 54.8)},
        rules={"path-casing": (0, 1), "operation-summary": (2, 2)},
    )
    return make_report(apis, trend=trend)


# -- reading the page -------------------------------------------------------------------------


class Page(HTMLParser):
    """A rendered or dumped page read back: each table's rows as cell texts (by the table's
    id), every SVG rect's attributes, every tag and attribute name, link targets."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.rects: list[dict[str, str]] = []  # with "chart": the outermost <svg>'s class
        self.attributes: set[str] = set()
        self.tags: set[str] = set()
        self.hrefs: list[str] = []
        self.links: dict[str, str] = {}  # link text -> href
        self.body: dict[str, str] = {}
        self._table: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._link: tuple[str, list[str]] | None = None
        self._in_head = False
        self._charts: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.attributes.update(values)
        self.tags.add(tag)
        if "href" in values:
            self.hrefs.append(values["href"])
        if tag == "body":
            self.body = values
        elif tag == "table":
            self._table = self.tables.setdefault(values["id"], [])
        elif tag == "thead":
            self._in_head = True
        elif tag == "tbody":
            self._in_head = False
        elif tag == "tr" and self._table is not None and not self._in_head:
            self._table.append([])
        elif tag == "td" and self._table is not None:
            self._cell = []
        elif tag == "svg":
            self._charts.append(values.get("class", ""))
        elif tag == "rect":
            self.rects.append({**values, "chart": self._charts[0]})
        elif tag == "a" and "href" in values:
            self._link = (values["href"], [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None and self._table:
            self._table[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None
        elif tag == "svg":
            self._charts.pop()
        elif tag == "a" and self._link is not None:
            self.links["".join(self._link[1])] = self._link[0]
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._link is not None:
            self._link[1].append(data)

    def column(self, table: str, index: int) -> list[str]:
        return [row[index] for row in self.tables[table]]


# -- the page as text -------------------------------------------------------------------------


def test_fleet_table_shows_each_api_with_its_figures() -> None:
    page = Page(render(small_fleet()))
    assert page.tables["fleet"] == [
        ["billing.yaml", "payments", "100.0", *["100.0"] * 5, "0", "0", "80.0", "100.0", "yes"],
        ["legacy/broken.yaml", "identity", "–", *["–"] * 5, "0", "0", "–", "–", "not linted"],
        [
            "orders.yaml",
            "payments",
            "9.5",
            "20.0",
            "0.0",
            "15.5",
            "–",
            "12.0",
            "3",
            "7",
            "80.0",
            "100.0",
            "no",
        ],
        ["users.yaml", "–", "10.0", *["10.0"] * 5, "0", "2", "80.0", "100.0", "yes"],
    ]
    assert page.tables["teams"] == [
        ["identity", "1", "0", "–", "–"],
        ["payments", "2", "1", "54.8", "54.8"],
        ["(unowned)", "1", "1", "10.0", "10.0"],
    ]


def test_sections_adoption_consistency_and_trend() -> None:
    page = Page(render(small_fleet()))
    assert page.tables["adoption"] == [
        ["path-casing", "naming", "75.0", "", "1", "4"],
        ["operation-summary", "documentation", "100.0", "", "0", "4"],
    ]
    assert page.tables["consistency"] == [
        [
            "pagination parametersquery parameters",
            "limit/offset",
            "2",
            "orders.yaml: page/per_page",
        ],
    ]
    # unchanged APIs are counted, not listed; a removed API has no section to link to
    assert page.tables["trend-apis"] == [
        ["orders.yaml", "payments", "regressed", "30.0", "9.5", "-20.5", "path-casing", ""],
        ["gone.yaml", "–", "removed", "50.0", "–", "–", "", ""],
        [
            "users.yaml",
            "–",
            "regressed",
            "13.0",
            "10.0",
            "-3.0",
            "",
            "operation-summary, path-casing",
        ],
    ]
    assert page.tables["trend-teams"] == [["payments", "65.0", "54.8", "-10.2"]]
    assert page.tables["trend-rules"] == [["path-casing", "0", "1", "+1"]]
    assert "gone.yaml" not in page.links
    assert page.links["orders.yaml"] == "#api-orders.yaml"


def test_summary_cards_and_histogram() -> None:
    text = render(small_fleet())
    cards = re.findall(r"<div class=card><b>([^<]*)</b><span>([^<]*)</span>", text)
    assert cards == [
        ("4", "APIs"),
        ("2", "passing the gate"),
        ("39.8", "mean score"),
        ("10.0", "median score"),
        ("1", "unowned"),
        ("1", "not linted"),
    ]
    heights = [
        rect["height"]
        for rect in Page(
            report_html.histogram(
                Distribution(bands=(1, 0, 0, 0, 0, 0, 0, 0, 0, 2), mean=None, median=None)
            )
        ).rects
    ]
    assert heights == ["75", "0", "0", "0", "0", "0", "0", "0", "0", "150"]


def test_api_section_links_each_finding_to_its_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # findings name files relative to the folder the report ran in
    page = Page(render(small_fleet()))
    assert page.tables["api-orders.yaml-findings"] == [
        ["error", "path-casing", "orders.yaml:10", "Operation has no summary (0)"],
        ["warn", "operation-summary", "orders.yaml:11", "Operation has no summary (1)"],
        ["warn", "path-casing", "orders.yaml:12", "Operation has no summary (2)"],
    ]
    assert page.tables["api-orders.yaml-hotspots"] == [
        ["path-casing", "naming", "3", "+4.5", "bad path"]
    ]
    assert page.links["orders.yaml:12"] == f"{tmp_path.as_uri()}/orders.yaml#L12"
    text = render(small_fleet())
    assert '<details class=api id="api-legacy-broken.yaml">' in text
    assert "Could not be linted: cannot read the file" in text


def test_file_links(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir("/")
    assert file_link("srv/a b/x#1.yaml", 3) == "file:///srv/a%20b/x%231.yaml#L3"
    assert file_link("/elsewhere/x.yaml", 3) == "file:///elsewhere/x.yaml#L3"
    assert file_link("https://h.example/x.yaml", 3) == "https://h.example/x.yaml"
    assert file_link("javascript://x/alert(1)", 3) is None


def test_anchors_are_readable_and_unique() -> None:
    assert api_anchors(["a/b.yaml", "a b.yaml", "a-b.yaml", "<x>"]) == {
        "a/b.yaml": "api-a-b.yaml",
        "a b.yaml": "api-a-b.yaml-2",
        "a-b.yaml": "api-a-b.yaml-3",
        "<x>": "api-x",
    }


def test_spec_text_is_escaped_and_no_data_reaches_a_script() -> None:
    text = render(small_fleet())
    assert "&lt;script&gt;console.error(&quot;x&quot;)&lt;/script&gt;" in text
    assert "&quot;&gt;&lt;img src=x onerror=console.error(1)&gt; (0)" in text
    assert text.count("<script") == 1  # the static sorting script, and nothing else
    page = Page(text)
    assert not [name for name in page.attributes if name.startswith("on")]
    assert (
        page.tables["api-billing.yaml-findings"][0][3]
        == '"><img src=x onerror=console.error(1)> (0)'
    )


def test_page_is_self_contained() -> None:
    text = render(small_fleet())
    page = Page(text)
    fetching = {"link", "img", "iframe", "object", "embed", "video", "audio", "source", "image"}
    assert page.tags & fetching == set()
    assert page.attributes & {"src", "srcset", "xlink:href", "style"} == set()
    style = text[text.index("<style>") : text.index("</style>")]
    assert not re.search(r"url\(|@import|@font-face", style)
    # the only addresses are the findings' files and the page's own anchors
    targets = {href.split(":")[0] if href.startswith("file:") else href for href in page.hrefs}
    assert targets == {
        "#api-billing.yaml",
        "#api-legacy-broken.yaml",
        "#api-orders.yaml",
        "#api-users.yaml",
        "file",
    }


def test_size_for_a_fleet_of_2639_apis(monkeypatch: pytest.MonkeyPatch) -> None:
    """APIs.guru's fleet with 20 shown findings each: small enough to open in a few seconds
    (19 MB here; Chromium loads it in 3 to 4 s, see docs/report.md)."""
    monkeypatch.chdir("/")  # the findings' links are absolute: the same length anywhere
    text = render(large_fleet())
    assert text.count("<details class=api") == 2639
    assert len(text.encode()) < 21_000_000


def large_fleet(count: int = 2639) -> FleetReport:
    apis = [
        make_api(
            f"APIs/provider{index}.example/v{index % 3}/openapi.yaml",
            f"team{index % 40}",
            round(index * 100 / count, 1),
            errors=index % 5,
            warnings=index % 17,
            shown=20,
            message="Operation `GET /v1/things/{thingId}/parts` has no description",
        )
        for index in range(count)
    ]
    return make_report(apis)


# -- the page in a browser --------------------------------------------------------------------


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _chromium()
browser = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no headless Chromium (chromium, chromium-browser, google-chrome) on PATH; "
    ".ci/run installs the Debian package chromium where it can",
)


def open_offline(
    page: Path, fragment: str = "", screenshot: Path | None = None
) -> tuple[str, list[str]]:
    """Open ``page`` in headless Chromium with the network cut off (every host unresolvable,
    every request through a closed proxy): the DOM once its script ran, and the console lines
    (page errors and messages) Chromium logged."""
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless=new",
        "--no-sandbox",  # root in a container has no user namespace for the sandbox
        "--disable-gpu",
        "--no-first-run",
        f"--user-data-dir={page.parent / 'chromium-profile'}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=127.0.0.1:9",
        "--enable-logging=stderr",
        "--v=0",
        "--window-size=1400,2000",
        "--virtual-time-budget=5000",
        "--dump-dom",
    ]
    if screenshot is not None:
        command.append(f"--screenshot={screenshot}")
    command.append(page.as_uri() + fragment)
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return done.stdout, console


def _write(tmp_path: Path, report: FleetReport) -> Path:
    page = tmp_path / "report.html"
    page.write_text(render(report), encoding="utf-8")
    return page


#: Appended to the page by the browser test (the page itself has no data in its script): marks
#: each chart shape with whether the browser laid it out with a non-zero size.
MEASURE = """<script>
document.querySelectorAll("svg rect").forEach(function (rect) {
  var box = rect.getBoundingClientRect();
  rect.setAttribute("data-drawn", box.width > 0 && box.height > 0 ? "1" : "0");
});
</script>"""


@browser
def test_in_chromium_offline_a_person_sees_the_fleet(tmp_path: Path) -> None:
    report = small_fleet()
    path = _write(tmp_path, report)
    path.write_text(path.read_text("utf-8").replace("</body>", MEASURE + "</body>"), "utf-8")
    screenshot = tmp_path / "report.png"
    dom, console = open_offline(path, screenshot=screenshot)
    assert console == []
    page = Page(dom)
    assert page.body.get("data-ready") == "1"  # the page's script ran to its end
    assert page.column("fleet", 0) == [api.name for api in report.apis]
    assert page.column("teams", 0) == ["identity", "payments", "(unowned)"]

    def drawn(chart: str) -> str:
        return "".join(rect["data-drawn"] for rect in page.rects if rect["chart"] == chart)

    assert drawn("histogram") == "1100000001"  # bands 0-9, 10-19 and 90-100 have an API
    assert drawn("adoption") == "1111"  # two tracks and two bars
    # each area's track and bar: billing's and users' all drawn; orders' naming (0.0) and
    # security (nothing to judge) a track alone; the unlinted API has no chart
    assert drawn("areas") == "1111111111" + "1110111011" + "1111111111"
    assert screenshot.stat().st_size > 40_000  # a blank 1400x2000 page is 13 kB


@browser
def test_in_chromium_the_console_check_sees_a_page_error(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><body><script>notDefined();</script></body>", "utf-8")
    _, console = open_offline(page)
    assert len(console) == 1 and "Uncaught ReferenceError: notDefined is not defined" in console[0]


@browser
@pytest.mark.parametrize(
    ("fragment", "column", "expected"),
    [
        # numbers as numbers, an API with no score last in either direction
        (
            "#sort=fleet:score",
            0,
            ["orders.yaml", "users.yaml", "billing.yaml", "legacy/broken.yaml"],
        ),
        (
            "#sort=fleet:-score",
            0,
            ["billing.yaml", "users.yaml", "orders.yaml", "legacy/broken.yaml"],
        ),
        # text; an unowned API's "–" last
        ("#sort=fleet:-team", 1, ["payments", "payments", "identity", "–"]),
        ("#sort=fleet:security", 6, ["10.0", "100.0", "–", "–"]),
        ("#sort=teams:-mean", 0, ["payments", "(unowned)", "identity"]),
        # signed numbers (a collation of digits would put -3.0 before -20.5)
        ("#sort=trend-apis:delta", 0, ["orders.yaml", "users.yaml", "gone.yaml"]),
    ],
)
def test_in_chromium_tables_sort(
    tmp_path: Path, fragment: str, column: int, expected: list[str]
) -> None:
    dom, console = open_offline(_write(tmp_path, small_fleet()), fragment)
    assert console == []
    table, key = fragment.removeprefix("#sort=").split(":")
    assert Page(dom).column(table, column) == expected
    direction = "descending" if key.startswith("-") else "ascending"
    assert f'data-k="{key.lstrip("-")}" aria-sort="{direction}"' in dom


@browser
def test_in_chromium_an_address_opens_its_api_section(tmp_path: Path) -> None:
    dom, console = open_offline(_write(tmp_path, small_fleet()), "#api-orders.yaml")
    assert console == []
    opened = re.findall(r'<details class="api" id="([^"]*)" open="">', dom)
    assert opened == ["api-orders.yaml"]


def test_trend_with_nothing_changed_lists_no_table() -> None:
    unchanged = Trend(
        since="last.json",
        generated="2026-11-01T08:00:00Z",
        apis=(ApiTrend(name="users.yaml", team=None, status="unchanged", before=10.0, after=10.0),),
        teams={},
        rules={"path-casing": (1, 1)},
    )
    text = render(make_report([make_api("users.yaml", None, 10.0)], trend=unchanged))
    section = text[text.index('<section id="trend-section">') : text.index("Each API")]
    assert "<table" not in section
    assert "Since <code>last.json</code> (made 2026-11-01T08:00:00Z); 1 API unchanged" in section
