"""Links and heading anchors in notebooks and Markdown files, computed the way readers' tools do.

Used by ``tools/build_site.py`` and by the link tests. Markdown is rendered with
the same parser nbconvert uses (mistune), so a link inside a code span is not a
link, and a heading's text is what the reader sees (no backticks, no ``**``).

Heading anchors follow two rules, because the files are read in two places:

- **Notebooks** (JupyterLab, and nbconvert's HTML): the heading's visible text
  with every space replaced by ``-``; case and punctuation are kept.
  ``## 1. The `step` function`` -> ``#1.-The-step-function``.
  (JupyterLab: ``renderMarkdown.createHeaderId`` = ``textContent.replace(/ /g, '-')``;
  nbconvert: ``_convert_header_id``, the same plus percent-encoding of unsafe
  characters, which a browser decodes before matching.)
- **Markdown files** (GitHub): lower-cased, every character that is not a
  letter, digit, space, ``-`` or ``_`` removed, spaces replaced by ``-``, and a
  repeated slug suffixed ``-1``, ``-2``, ...
  ``## Running a workshop (2.5 h)`` -> ``#running-a-workshop-25-h``.

Explicit anchors (``<a id="x">`` or ``<a name="x">``) count in both.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class HtmlScan(HTMLParser):
    """Collect link targets, explicit ids and the visible text of headings from HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: list[str] = []
        self.headings: list[str] = []
        self._heading: list[str] | None = None
        self._skip = 0  # inside nbconvert's own "¶" anchor link

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v for k, v in attrs if v is not None}
        if tag in HEADINGS:
            self._heading = []
        elif tag == "a" and "anchor-link" in a.get("class", "").split():
            self._skip += 1  # the renderer's own "¶" link to the heading: not the author's
            return
        for key in ("href", "src"):
            if key in a and tag != "link":
                self.links.append(a[key])
        for key in ("id", "name"):
            if key in a and tag not in HEADINGS and tag in {"a", "span", "div", "section"}:
                self.ids.append(a[key])

    def handle_endtag(self, tag: str) -> None:
        if tag in HEADINGS and self._heading is not None:
            self.headings.append("".join(self._heading).strip())
            self._heading = None
        elif tag == "a" and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._heading is not None and not self._skip:
            self._heading.append(data)


def scan_markdown(text: str) -> HtmlScan:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune  # here: importing nbconvert takes 0.4 s

    scan = HtmlScan()
    scan.feed(markdown2html_mistune(text))
    scan.close()
    return scan


def jupyter_anchor(heading_text: str) -> str:
    """JupyterLab's (and nbconvert's) id for a heading with this visible text."""
    return heading_text.replace(" ", "-")


def github_anchor(heading_text: str) -> str:
    """GitHub's slug for a Markdown heading with this visible text (before de-duplication)."""
    text = heading_text.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)  # \w keeps letters, digits and _ (Unicode-aware, as GitHub)
    return text.replace(" ", "-")


def markdown_cells(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def anchors_of(path: Path) -> set[str]:
    """Every anchor a link into ``path`` may name (decoded, as a browser compares them)."""
    path = Path(path)
    if path.suffix == ".ipynb":
        found: set[str] = set()
        for source in markdown_cells(path):
            scan = scan_markdown(source)
            found.update(jupyter_anchor(h) for h in scan.headings)
            found.update(scan.ids)
        return {unquote(a) for a in found}
    if path.suffix == ".md":
        scan = scan_markdown(path.read_text(encoding="utf-8"))
        found, seen = set(scan.ids), {}
        for heading in scan.headings:
            slug = github_anchor(heading)
            n = seen.get(slug, 0)
            seen[slug] = n + 1
            found.add(slug if n == 0 else f"{slug}-{n}")
        return found
    return set()


def links_of(path: Path) -> list[str]:
    """Every href/src in the Markdown of a notebook or a .md file, in order."""
    path = Path(path)
    sources = markdown_cells(path) if path.suffix == ".ipynb" else [path.read_text(encoding="utf-8")]
    return [link for source in sources for link in scan_markdown(source).links]


def is_relative(link: str) -> bool:
    """A link to a file of this repository (or an anchor in the same file), not a URL."""
    parts = urlsplit(link)
    return not parts.scheme and not parts.netloc and not link.startswith("//")


def broken_links(path: Path, root: Path) -> list[str]:
    """The relative links in ``path`` whose target file or anchor does not exist.

    Targets must stay inside ``root`` (the repository), so a link cannot depend
    on where the repository was cloned.
    """
    path, root = Path(path).resolve(), Path(root).resolve()
    problems = []
    for link in map(unquote, links_of(path)):
        if not is_relative(link):
            continue
        parts = urlsplit(link)
        target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
        if root not in target.parents and target != root:
            problems.append(f"{link}: points outside the repository")
        elif not target.exists():
            problems.append(f"{link}: {target.relative_to(root)} does not exist")
        elif parts.fragment and unquote(parts.fragment) not in anchors_of(target):
            problems.append(f"{link}: no heading or anchor #{unquote(parts.fragment)} in {target.name}")
    return problems
