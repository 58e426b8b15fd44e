"""The static site (tools/build_site.py): built from stored outputs, with working internal links.

The site is built into a temp dir once per module. Every href/src that points
at a local file must exist, and every #anchor must be an id (or name) in the
page it points to. Explorers must show their stored default picture.
"""
from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

from series_fixture import PNG, PNG_BUNDLE, PNG_DIRECT, ROOT, make_series

sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


class Page(HTMLParser):
    """A page's ids, links and images, and every address it makes the browser load by itself (scripts,
    stylesheets, images, frames), with the text of its inline scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.imgs: list[str] = []
        self.loads: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key) and tag != "meta":
                self.ids.add(unquote(a[key]))
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key])
        if tag == "img" and a.get("src"):
            self.imgs.append(a["src"])
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("href") and "stylesheet" in (a.get("rel") or ""):
            self.loads.append(a["href"])
        self._in_script = tag == "script" and not a.get("src")

    def handle_data(self, data):
        if self._in_script:
            self.inline_scripts.append(data)

    def handle_endtag(self, tag):
        self._in_script = False


_PARSED: dict[tuple[str, int, int], Page] = {}


def parse(path: Path) -> Page:
    """The ids, links and images of an HTML file (parsed once per file version: pages are checked twice)."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        _PARSED[key] = page
    return _PARSED[key]


def broken_links(site: Path) -> list[str]:
    pages = {p.resolve(): parse(p) for p in site.rglob("*.html")}
    problems = []
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("//"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            where = f"{path.relative_to(site.resolve())}: {link}"
            if not target.is_file():
                problems.append(f"{where}: no such file")
            elif parts.fragment and (target not in pages or unquote(parts.fragment) not in pages[target].ids):
                problems.append(f"{where}: no anchor #{unquote(parts.fragment)}")
    return problems


def stored_pngs(nb) -> list[str]:
    """Every PNG the notebook shows: direct outputs, and those in the Output widgets of displayed explorers."""
    state = build_site._widget_state(nb)
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data:
                found.append(data["image/png"])
            if build_site.WIDGET_VIEW in data:
                outputs, _ = build_site.widget_outputs(data[build_site.WIDGET_VIEW]["model_id"], state)
                found += [o["data"]["image/png"] for o in outputs if "image/png" in o.get("data", {})]
    return [p.replace("\n", "") for p in found]


# ---- the tool, on a series whose answer we know -----------------------------------------

@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("demo")
    nbdir = make_series(root)
    out = root / "site"
    assert build_site.main(["--src", str(nbdir), "--out", str(out)]) == 0  # as `make site` runs it, in-process
    return out


def test_demo_site_has_an_index_and_no_broken_links(demo_site):
    assert sorted(p.name for p in demo_site.rglob("*.*") if build_site.MATHJAX_DIR not in p.parts) == [
        "00_start_here.html", "01_demo.html", "README.html", "index.html", "neuron.png"]
    assert (demo_site / "index.html").read_text() == (demo_site / "00_start_here.html").read_text()
    assert broken_links(demo_site) == []
    links = parse(demo_site / "index.html").links
    assert "01_demo.html" in links and "01_demo.html#Coding-Exercise-1.1:-a-weighted-sum" in links
    assert "repo/README.html#running-a-workshop" in links
    assert not [link for link in links if ".ipynb" in link]


def test_demo_explorer_shows_its_stored_default_picture_and_settings(demo_site):
    page = parse(demo_site / "01_demo.html")
    text = (demo_site / "01_demo.html").read_text()
    assert f"data:image/png;base64,{PNG}" in page.imgs  # from the Output widget's stored state
    assert f"data:image/png;base64,{PNG_DIRECT}" in page.imgs
    assert "images/neuron.png" in page.imgs and (demo_site / "images" / "neuron.png").is_file()
    assert page.imgs.count(f"data:image/png;base64,{PNG_BUNDLE}") == 1  # its own picture, not repeated
    assert "<b>loss 0.6931 = ln 2</b>" in text  # the explorer's summary, stored in an HTML widget
    assert "default settings: data = XOR gate, init = zeros, lr = 0.1." in text and "lr=0.1 loss=0.6931" in text
    assert "widget-state+json" not in text and "widget-view+json" not in text


def test_highlighted_code_skips_bleach_only_because_bleach_would_not_change_it():
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.strings import clean_html

    source = ('s = "<b>bold</b> & \'quoted\'"  # <script>alert(1)</script> &amp; \u00e9\n'
              'print(f"{s!r:>10} {1 < 2 > 0}")\n%matplotlib inline\n!ls <dir>')
    highlighted = Highlight2HTML(pygments_lexer="ipython3")(source)
    assert build_site.HIGHLIGHTED.match(highlighted)
    assert build_site.clean_html_unless_highlighted(highlighted) == highlighted == clean_html(highlighted)
    raw = '<script>alert(1)</script><b onclick="x()">raw cell</b>'
    assert build_site.clean_html_unless_highlighted(raw) == clean_html(raw) != raw


def test_demo_site_reports_a_broken_anchor(demo_site, tmp_path):
    page = tmp_path / "a.html"
    page.write_text('<h1 id="top">x</h1><a href="#top">ok</a><a href="#nope">bad</a><a href="b.html">gone</a>'
                    '<a href="https://example.org/c.html">web</a><img src="data:image/png;base64,AA">')
    assert broken_links(tmp_path) == ["a.html: #nope: no anchor #nope", "a.html: b.html: no such file"]


# ---- the real series ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site.build_site(ROOT / "notebooks", out)
    return out


def test_site_has_a_page_per_notebook_and_the_contents_as_index(site):
    assert {p.name for p in site.glob("*.html")} == {p.stem + ".html" for p in NOTEBOOKS} | {"index.html"}
    assert (site / "index.html").read_text() == (site / "00_start_here.html").read_text()


def test_site_has_no_broken_internal_links(site):
    assert broken_links(site) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_site_page_shows_every_stored_picture(path, site):
    page = parse(site / (path.stem + ".html"))
    missing = [png[:40] for png in stored_pngs(nbformat.read(path, as_version=4))
               if f"data:image/png;base64,{png}" not in page.imgs]
    assert missing == []
    nav = [link for link in page.links if re.fullmatch(r"\d\d_\w+\.html", link)]
    assert nav, "the generated navigation links must point at the other pages"


def test_site_pages_load_nothing_from_the_network_and_typeset_with_the_local_mathjax(site):
    for page in sorted(site.glob("*.html")):
        res = parse(page)
        remote = [u for u in res.loads if urlsplit(u).scheme in ("http", "https") or u.startswith("//")]
        assert remote == [], f"{page.name} loads {remote}"
        mathjax = [u for u in res.loads if "MathJax.js" in u]
        assert mathjax == [build_site.MATHJAX_URL], page.name
        # The lab template's only remote import is mermaid, and it is skipped when a page has no diagram.
        for script in res.inline_scripts:
            if "import(" in script and "https://" in script:
                assert "mermaid" in script and "if (!diagrams.length)" in script, page.name
        assert ".jp-Mermaid" not in page.read_text(encoding="utf-8").split("<script", 1)[0]
    local = site / urlsplit(build_site.MATHJAX_URL).path
    config = site / build_site.MATHJAX_DIR / "config" / "TeX-AMS-MML_HTMLorMML-full.js"
    fonts = site / build_site.MATHJAX_DIR / "fonts" / "HTML-CSS" / "STIX-Web"
    assert local.is_file() and config.is_file() and fonts.is_dir() and any(fonts.rglob("*.woff"))
    assert not (site / build_site.MATHJAX_DIR / "jax" / "output" / "SVG").exists()  # pages use HTML-CSS only


def test_a_widget_without_a_picture_shows_its_text_not_its_repr(site):
    text = (site / "00_start_here.html").read_text(encoding="utf-8")
    outputs = text.split('class="jp-OutputArea')  # the prose quotes the repr on purpose; outputs must not show it
    assert "step(-1) = 0" in text and "default settings: z = -1" in text
    assert not any("VBox(children=" in chunk.split("</div>")[0] for chunk in outputs[1:])


def test_every_page_with_math_typesets_it_with_the_sites_mathjax_instructor_md_included(site):
    """A page whose prose (outside code) has $...$ math loads the site's own MathJax, which exists, and is
    told that $ delimits inline math (MathJax 2's default is \\( ... \\) only)."""
    pages = sorted(site.rglob("*.html"))
    instructor = site / "repo" / "INSTRUCTOR.html"
    assert instructor in pages
    with_math = 0
    for page in pages:
        if build_site.MATHJAX_DIR in page.relative_to(site).parts:
            continue
        text = page.read_text(encoding="utf-8")
        prose = re.sub(r"<(pre|code|script|style)\b.*?</\1>", "", text, flags=re.DOTALL)
        if not build_site.MATH.search(prose):
            continue
        with_math += 1
        res = parse(page)
        (mathjax,) = [u for u in res.loads if "MathJax.js" in u]
        assert (page.parent / urlsplit(mathjax).path).resolve().is_file(), page
        config = [re.sub(r"\s", "", s.replace("'", '"')) for s in res.inline_scripts if "inlineMath" in s]
        assert config and '["$","$"]' in config[0], page
    assert with_math >= 2 and build_site.MATH.search(re.sub(r"<(pre|code)\b.*?</\1>", "", instructor.read_text(
        encoding="utf-8"), flags=re.DOTALL))
