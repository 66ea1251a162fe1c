#!/usr/bin/env python3
"""Helpers for tests/e2e/run.sh (standard library only).

  e2e.py freeport                       a free TCP port on 127.0.0.1
  e2e.py drift-table DOM                "feature<TAB>verdict" per row of the HTML report's drift table
  e2e.py data-drift DOM                 "feature<TAB>data-drift" per element with data-feature and data-drift
  e2e.py links DOM BASE                 every <a href> of the page, absolute against BASE
  e2e.py prom BASE QUERY                an instant PromQL query: "{labels}<TAB>value" per series
  e2e.py trx RESULTS.tsv OUT.trx NAME   a VSTest TRX file from run.sh's results
  e2e.py hscroll-probe PAGE OUT         a copy of PAGE that records, once laid out, what scrolls sideways
  e2e.py hscroll-result DOM             the probe's result; exit 1 when something scrolls sideways
"""
import datetime
import getpass
import html.parser
import json
import re
import socket
import sys
import urllib.parse
import urllib.request
import uuid
from xml.sax.saxutils import escape, quoteattr


def freeport():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


class DriftTable(html.parser.HTMLParser):
    """Rows of <table class="drift-table">: the first cell's text and the verdict badge's text."""

    def __init__(self):
        super().__init__()
        self.depth = 0          # nesting of drift tables (0: outside)
        self.in_tbody = False
        self.row = None         # [cells], current cell text accumulates in cell
        self.cell = None
        self.badge = None
        self.in_badge = False
        self.rows = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "table" and "drift-table" in classes:
            self.depth += 1
        if not self.depth:
            return
        if tag == "tbody":
            self.in_tbody = True
        elif tag == "tr" and self.in_tbody:
            self.row, self.badge = [], None
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""
        elif tag == "span" and "badge" in classes and self.row is not None:
            self.in_badge = True
            self.badge = ""

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "table":
            self.depth -= 1
        elif tag == "tbody":
            self.in_tbody = False
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "span" and self.in_badge:
            self.in_badge = False
        elif tag == "tr" and self.row is not None:
            if self.row:
                self.rows.append((self.row[0], (self.badge or "").strip() or "-"))
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        if self.in_badge:
            self.badge += data


class Attributes(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.pairs = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-feature" in a and "data-drift" in a:
            self.pairs.append((a["data-feature"], a["data-drift"]))
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def drift_table(path):
    p = DriftTable()
    p.feed(read(path))
    for feature, verdict in p.rows:
        print(f"{feature}\t{verdict}")


def data_drift(path):
    p = Attributes()
    p.feed(read(path))
    for feature, drift in p.pairs:
        print(f"{feature}\t{drift}")


def links(path, base):
    p = Attributes()
    p.feed(read(path))
    for href in p.links:
        print(urllib.parse.urljoin(base, href))


# Measures, once the page is laid out, whether anything scrolls sideways: the page itself
# (documentElement.scrollWidth beyond the window) or any element that scrolls on its own
# (overflow-x auto or scroll, e.g. a wide table inside a "display:block; overflow-x:auto" wrapper,
# which never widens the page). The result goes into the DOM, which --dump-dom prints.
HSCROLL_PROBE = """<script>
(function () {
  var d = document.documentElement, w = window.innerWidth, over = [];
  if (d.scrollWidth > w) over.push("page " + d.scrollWidth + " px wide");
  var all = document.querySelectorAll("body *");
  for (var i = 0; i < all.length; i++) {
    var e = all[i], x = getComputedStyle(e).overflowX;
    if ((x === "auto" || x === "scroll") && e.scrollWidth > e.clientWidth + 1) {
      var id = e.id ? "#" + e.id : (e.className && e.className.baseVal === undefined ? "." + e.className : "");
      var section = e.closest("section");
      over.push((section && section.id ? "section#" + section.id + " " : "") + e.tagName.toLowerCase() + id +
        " " + e.scrollWidth + " px in " + e.clientWidth + " px");
    }
  }
  var r = document.createElement("pre");
  r.id = "hscroll-probe";
  r.textContent = JSON.stringify({ innerWidth: w, scrollWidth: d.scrollWidth, overflow: over });
  document.body.appendChild(r);
})();
</script>"""


def hscroll_probe(page, out):
    """Copies a page with the probe before </body>. A copy on file:// runs the script even when the
    served page's Content-Security-Policy forbids scripts; the pages load nothing from elsewhere, so
    the copy lays out as the original."""
    html = read(page)
    i = html.lower().rfind("</body>")
    html = html + HSCROLL_PROBE if i < 0 else html[:i] + HSCROLL_PROBE + html[i:]
    with open(out, "w", encoding="utf-8") as f:
        f.write(html)


def hscroll_result(dom):
    """Prints the probe's JSON; exit 0 when nothing scrolls sideways, 1 when something does, 2 without a result."""
    m = re.search(r'<pre id="hscroll-probe">(.*?)</pre>', read(dom), re.S)
    if not m:
        print("no probe result in the rendered DOM")
        sys.exit(2)
    result = json.loads(html.unescape(m.group(1)))
    print(json.dumps(result))
    sys.exit(1 if result["overflow"] else 0)


def prom(base, query):
    url = base.rstrip("/") + "/api/v1/query?" + urllib.parse.urlencode({"query": query})
    host = urllib.parse.urlparse(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"refusing a query to {host}: test traffic stays on 127.0.0.1")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    with opener.open(url, timeout=5) as r:
        body = json.load(r)
    if body.get("status") != "success":
        sys.exit(f"query failed: {body}")
    for series in body["data"]["result"]:
        labels = ",".join(f'{k}="{v}"' for k, v in sorted(series["metric"].items()))
        print(f"{{{labels}}}\t{series['value'][1]}")


def trx(results, out, run_name):
    rows = []
    with open(results, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                name, outcome, start, end, message = line.split("\t", 4)
                rows.append((name, outcome, float(start), float(end), message))

    def iso(t):
        return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).isoformat(timespec="microseconds")

    def duration(seconds):
        seconds = max(seconds, 0.0)
        h, rest = divmod(seconds, 3600)
        m, s = divmod(rest, 60)
        return f"{int(h):02d}:{int(m):02d}:{s:010.7f}"

    now = datetime.datetime.now(datetime.timezone.utc).timestamp()
    first = min((r[2] for r in rows), default=now)
    last = max((r[3] for r in rows), default=now)
    passed = sum(1 for r in rows if r[1] == "Passed")
    failed = sum(1 for r in rows if r[1] == "Failed")
    not_executed = sum(1 for r in rows if r[1] == "NotExecuted")
    list_id = "8c84fa94-04c1-424b-9868-57a2d4851a1d"      # "Results Not in a List"
    test_type = "13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b"     # unit test
    computer = socket.gethostname()
    try:
        user = getpass.getuser()
    except Exception:
        user = "ci"
    results_xml, defs_xml, entries_xml = [], [], []
    for name, outcome, start, end, message in rows:
        test_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "modelwatch-e2e/" + name))
        exec_id = str(uuid.uuid4())
        body = f"<StdOut>{escape(message)}</StdOut>"
        if outcome == "Failed":
            body += f"<ErrorInfo><Message>{escape(message)}</Message></ErrorInfo>"
        results_xml.append(
            f'    <UnitTestResult executionId="{exec_id}" testId="{test_id}" testName={quoteattr(name)} '
            f'computerName={quoteattr(computer)} duration="{duration(end - start)}" startTime="{iso(start)}" '
            f'endTime="{iso(end)}" testType="{test_type}" outcome="{outcome}" testListId="{list_id}" '
            f'relativeResultsDirectory="{exec_id}">\n      <Output>{body}</Output>\n    </UnitTestResult>')
        defs_xml.append(
            f'    <UnitTest name={quoteattr(name)} storage="tests/e2e/run.sh" id="{test_id}">\n'
            f'      <Execution id="{exec_id}" />\n'
            f'      <TestMethod codeBase="tests/e2e/run.sh" adapterTypeName="executor://modelwatch-e2e/v1" '
            f'className="ModelWatch.EndToEnd" name={quoteattr(name)} />\n    </UnitTest>')
        entries_xml.append(f'    <TestEntry testId="{test_id}" executionId="{exec_id}" testListId="{list_id}" />')

    summary_outcome = "Failed" if failed else "Completed"
    doc = f"""<?xml version="1.0" encoding="utf-8"?>
<TestRun id="{uuid.uuid4()}" name={quoteattr(run_name)} runUser={quoteattr(user)} xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
  <Times creation="{iso(now)}" queuing="{iso(first)}" start="{iso(first)}" finish="{iso(last)}" />
  <TestSettings name="default" id="{uuid.uuid4()}">
    <Deployment runDeploymentRoot="modelwatch-e2e" />
  </TestSettings>
  <Results>
{chr(10).join(results_xml)}
  </Results>
  <TestDefinitions>
{chr(10).join(defs_xml)}
  </TestDefinitions>
  <TestEntries>
{chr(10).join(entries_xml)}
  </TestEntries>
  <TestLists>
    <TestList name="Results Not in a List" id="{list_id}" />
    <TestList name="All Loaded Results" id="19431567-8539-422a-85d7-44ee4e166bda" />
  </TestLists>
  <ResultSummary outcome="{summary_outcome}">
    <Counters total="{len(rows)}" executed="{passed + failed}" passed="{passed}" failed="{failed}" error="0" timeout="0" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="{not_executed}" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
  </ResultSummary>
</TestRun>
"""
    with open(out, "w", encoding="utf-8") as f:
        f.write(doc)


def main(argv):
    commands = {
        "freeport": (freeport, 0),
        "drift-table": (drift_table, 1),
        "data-drift": (data_drift, 1),
        "links": (links, 2),
        "prom": (prom, 2),
        "hscroll-probe": (hscroll_probe, 2),
        "hscroll-result": (hscroll_result, 1),
        "trx": (trx, 3),
    }
    if len(argv) < 2 or argv[1] not in commands or len(argv) - 2 != commands[argv[1]][1]:
        sys.exit(__doc__)
    fn, _ = commands[argv[1]]
    fn(*argv[2:])


if __name__ == "__main__":
    main(sys.argv)
