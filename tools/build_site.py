"""Build a static HTML version of the series, from the stored outputs (no execution, no network).

    python tools/build_site.py                 # notebooks/*.ipynb -> build/site/
    python tools/build_site.py --out DIR
    python tools/build_site.py --force         # also overwrite pages changed since the last build

- Nothing in the output folder that this tool did not write is touched, and a
  page changed since it wrote it stops the run unless ``--force`` (see
  ``safe_output.py``). Every notebook is read and rendered before anything is
  written; a malformed one stops the run, named. The output folder may not be,
  lie inside, or contain the notebooks' folder.

- Every notebook becomes ``NN_name.html`` (nbconvert, JupyterLab look), with its
  stored outputs: nothing is executed.
- Links between notebooks (``X.ipynb``, ``X.ipynb#anchor``) become ``X.html``;
  other local files they link to are copied (a ``.md`` file is rendered to HTML,
  with GitHub-style heading anchors), so every internal link of the site works.
- ``index.html`` is the contents page, ``00_start_here``.
- An explorer (an ipywidgets cell) cannot run in a static page. Its stored
  widget state holds the picture of the default settings (the plot drawn into
  its Output widget), so that picture and the controls' default values are
  written into the page in place of the live widget. The widget JavaScript is
  therefore not needed, and the page loads no widget code from a CDN.
- A code cell tagged ``verify`` (it checks the numbers the text states) shows
  no source, only its outputs if it has any; without outputs it is left out.
- Formulas are typeset by a copy of MathJax 2 in ``mathjax/``, taken from the
  ``jupyter-server-mathjax`` package, so the site reads offline too: no page
  loads anything from the network.
"""
from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import sys
import tempfile
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from course_stats import VERIFY as VERIFY_TAG  # noqa: E402  (the tag names live in course_stats)
from links import HtmlScan, github_anchor, is_relative  # noqa: E402
from safe_output import BadInput, OutputInTheWay, check_folders, publish, read_notebook, tree  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_OUT = ROOT / "build" / "site"
CONTENTS = "00_start_here"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
CONTROL_MODELS = ("SliderModel", "DropdownModel", "CheckboxModel", "ToggleButtonsModel", "RadioButtonsModel",
                  "SelectModel", "IntTextModel", "FloatTextModel", "TextModel")
CHOICE_MODELS = ("DropdownModel", "ToggleButtonsModel", "RadioButtonsModel", "SelectModel")


# ---- explorers: the stored default picture instead of a live widget ------------------

def _widget_state(nb: nbformat.NotebookNode) -> dict:
    return nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})


def _model_refs(value) -> list[str]:
    """Model ids referenced by a widget state value (``"IPY_MODEL_<id>"`` strings, nested)."""
    if isinstance(value, str):
        return [value[len("IPY_MODEL_"):]] if value.startswith("IPY_MODEL_") else []
    if isinstance(value, (list, tuple)):
        return [ref for item in value for ref in _model_refs(item)]
    return []


def widget_outputs(model_id: str, state: dict) -> tuple[list[dict], list[str]]:
    """The outputs stored in the Output widgets under ``model_id``, and its controls' defaults."""
    outputs: list[dict] = []
    controls: list[str] = []
    seen: set[str] = set()
    label = [""]

    def walk(mid: str) -> None:
        if mid in seen or mid not in state:
            return
        seen.add(mid)
        model = state[mid]
        name, st = model.get("model_name", ""), model.get("state", {})
        if name == "OutputModel":
            outputs.extend(st.get("outputs", []))
        elif name in ("HTMLModel", "HTMLMathModel") and str(st.get("value", "")).strip():
            outputs.append({"output_type": "display_data", "metadata": {},
                            "data": {"text/html": st["value"], "text/plain": ""}})
        elif name == "LabelModel":
            label[0] = str(st.get("value", "")).strip()  # names the control that follows it
        elif name.endswith(CONTROL_MODELS):
            value = st.get("value")
            if name.endswith(CHOICE_MODELS):  # ipywidgets 8 stores the chosen index, not the value
                labels, index = st.get("_options_labels", []), st.get("index")
                value = labels[index] if isinstance(index, int) and 0 <= index < len(labels) else None
            if value is not None:
                controls.append(f"{st.get('description') or label[0] or 'value'} = {value}")
            label[0] = ""
        for key in ("children", "outputs"):
            if key in st and name != "OutputModel":
                for ref in _model_refs(st[key]):
                    walk(ref)

    walk(model_id)
    if label[0]:  # a label that names no control is text the widget shows (e.g. a result)
        outputs.append({"output_type": "display_data", "metadata": {},
                        "data": {"text/html": f"<pre>{html.escape(label[0])}</pre>", "text/plain": label[0]}})
    return outputs, controls


def freeze_widgets(nb: nbformat.NotebookNode) -> int:
    """Replace every widget view in ``nb`` by its stored outputs; return how many were replaced."""
    state = _widget_state(nb)
    replaced = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        new_outputs = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW not in data:
                new_outputs.append(out)
                continue
            replaced += 1
            stored, controls = widget_outputs(data[WIDGET_VIEW].get("model_id", ""), state)
            note = ("Interactive: open this notebook in JupyterLab to move the controls. "
                    "Shown here with its default settings" + (": " + ", ".join(controls) if controls else "") + ".")
            new_outputs.append(nbformat.v4.new_output(
                "display_data", data={"text/html": f'<p class="explorer-note"><em>{html.escape(note)}</em></p>',
                                      "text/plain": note}))
            # The displayed object may carry its own static picture next to the widget view
            # (an explorer's _repr_mimebundle_ does): keep it, and skip the same PNG in the state.
            rest = {k: v for k, v in data.items() if k != WIDGET_VIEW}
            shown = set()
            if any(k.startswith("image/") for k in rest):
                new_outputs.append(nbformat.v4.new_output("display_data", data=rest))
                shown.add(str(rest.get("image/png", "")).replace("\n", ""))
            for item in stored:
                item = dict(item)
                if item.get("output_type") in ("display_data", "execute_result"):
                    png = str(item.get("data", {}).get("image/png", "")).replace("\n", "")
                    if png and png in shown:
                        continue
                    item = {"output_type": "display_data", "data": item.get("data", {}),
                            "metadata": item.get("metadata", {})}
                new_outputs.append(nbformat.from_dict(item))
            # Nothing else is shown: a widget's text/plain is its repr ("VBox(children=(...") , which is exactly
            # what a page with broken widgets shows, so it is left out; the note above names the controls.
        cell.outputs = new_outputs
    nb.metadata.pop("widgets", None)
    return replaced


# ---- links -----------------------------------------------------------------------------

_ATTR = re.compile(r'(<a\b[^>]*?\bhref=|<img\b[^>]*?\bsrc=)(["\'])(.*?)\2', re.IGNORECASE | re.DOTALL)


class Site:
    """Maps files of the repository to pages of the site, and copies what the pages link to."""

    def __init__(self, out: Path, src: Path) -> None:
        self.out, self.src, self.root = Path(out), Path(src).resolve(), Path(src).resolve().parent
        self.pending: list[Path] = []
        self.done: set[Path] = set()

    def page_for(self, repo_file: Path) -> Path:
        """Where a repository file lives in the site (relative to the site root)."""
        repo_file = repo_file.resolve()
        if repo_file.parent == self.src and repo_file.suffix == ".ipynb":
            return Path(repo_file.stem + ".html")
        if self.src in repo_file.parents:
            return repo_file.relative_to(self.src)
        rel = repo_file.relative_to(self.root)
        return Path("repo") / (rel.with_suffix(".html") if rel.suffix == ".md" else rel)

    def rewrite(self, page_html: str, source_file: Path, page: Path) -> str:
        """Point every relative href/src of a page built from ``source_file`` at the site's copy."""

        def fix(match: re.Match) -> str:
            lead, quote, link = match.groups()
            link = html.unescape(link)
            if not link or not is_relative(link) or link.startswith(("#", "data:")):
                return match.group(0)
            parts = urlsplit(link)
            target = (source_file.parent / unquote(parts.path)).resolve()
            if not target.is_file() or (self.root not in target.parents):
                return match.group(0)  # left as is: the link test reports it
            dest = self.page_for(target)
            if target not in self.done and target.suffix != ".ipynb":
                self.pending.append(target)
            new = os.path.relpath(dest, page.parent).replace(os.sep, "/")
            if parts.fragment:
                new += "#" + parts.fragment
            return f"{lead}{quote}{html.escape(new, quote=True)}{quote}"

        return _ATTR.sub(fix, page_html)

    def copy_pending(self) -> None:
        while self.pending:
            target = self.pending.pop()
            if target in self.done:
                continue
            self.done.add(target)
            dest = self.out / self.page_for(target)
            dest.parent.mkdir(parents=True, exist_ok=True)
            if target.suffix == ".md":
                mathjax = os.path.relpath(MATHJAX_DIR, self.page_for(target).parent).replace(os.sep, "/")
                page = markdown_page(target, mathjax_url=MATHJAX_URL.replace(MATHJAX_DIR, mathjax, 1))
                dest.write_text(self.rewrite(page, target, self.page_for(target)), encoding="utf-8")
            else:
                shutil.copy2(target, dest)


#: Math in a Markdown page: $...$ and \\(...\\) inline, $$...$$ and \\[...\\] displayed, as in the notebooks.
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\s][^$]*?\$|\\\(.+?\\\)|\\\[.+?\\\]", re.DOTALL)
MATHJAX_MARKDOWN = ('<script type="text/x-mathjax-config">MathJax.Hub.Config({tex2jax: {inlineMath: '
                    '[["$", "$"], ["\\\\(", "\\\\)"]], displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]], '
                    'processEscapes: true}});</script>\n')


def markdown_page(path: Path, mathjax_url: str | None = None) -> str:
    """A .md file as a plain HTML page, with GitHub-style ids on its headings; if it has math (outside
    code) and ``mathjax_url`` is given, the page typesets it with that MathJax 2 (the site's own copy)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    body = markdown2html_mistune(path.read_text(encoding="utf-8"))
    seen: dict[str, int] = {}

    def anchor(match: re.Match) -> str:
        scan = HtmlScan()
        scan.feed(match.group(0))
        text = scan.headings
        slug = github_anchor(text[0]) if text else ""
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        slug = slug if n == 0 else f"{slug}-{n}"
        return f'<a id="{html.escape(slug)}"></a>{match.group(0)}'

    body = re.sub(r"<(h[1-6])\b[^>]*>.*?</\1>", anchor, body, flags=re.DOTALL)
    title = html.escape(path.name)
    prose = re.sub(r"<(pre|code)\b.*?</\1>", "", body, flags=re.DOTALL)  # MathJax skips code too
    math = ""
    if mathjax_url and MATH.search(prose):
        math = (MATHJAX_MARKDOWN + MATHJAX_FONTS + f'<script src="{html.escape(mathjax_url, quote=True)}"></script>\n')
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title>"
            "<style>body{max-width:50em;margin:2em auto;font-family:sans-serif;line-height:1.5}"
            f"pre{{background:#f4f4f4;padding:.6em;overflow:auto}}</style>\n{math}</head>\n"
            f"<body>\n{body}\n</body></html>\n")


# ---- the build ---------------------------------------------------------------------------

HIGHLIGHTED = re.compile(r'<div class="[^"<>]*\bhighlight\b[^"<>]*"><pre>')


def clean_html_unless_highlighted(text) -> str:
    """nbconvert's ``clean_html`` filter (bleach), except for Pygments-highlighted source code.

    The lab template passes every code cell's highlighted source through bleach, which is about 40 %
    of the build. Pygments escapes the source and writes only ``div``/``pre``/``span`` with ``class``
    attributes, all allowed by that filter, so bleach returns it unchanged (tests/test_site.py checks
    this on code with quotes, tags and entities). Anything else (raw cells, inline SVG) is cleaned.
    """
    from nbconvert.filters.strings import clean_html

    text = text.decode() if isinstance(text, bytes) else str(text)
    return text if HIGHLIGHTED.match(text) else clean_html(text)


MATHJAX_DIR = "mathjax"
MATHJAX_URL = f"{MATHJAX_DIR}/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"  # the config the package ships
# The package ships only the STIX-Web fonts: tell MathJax, or it asks for the TeX fonts it lacks.
MATHJAX_FONTS = ('<script type="text/x-mathjax-config">MathJax.Hub.Config({"HTML-CSS": '
                 '{availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null}});</script>\n')
NO_REQUIREJS = "nnlib-site-needs-no-requirejs"


def mathjax_source() -> Path:
    """The MathJax 2 files of the ``jupyter-server-mathjax`` package (found without importing it)."""
    spec = find_spec("jupyter_server_mathjax")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("the static site needs the package jupyter-server-mathjax (pip install -e '.[test]')")
    return Path(spec.origin).parent / "static"


def copy_mathjax(out: Path) -> None:
    """Copy MathJax into the site, without what these pages never use (SVG output, other languages)."""
    shutil.copytree(mathjax_source(), out / MATHJAX_DIR,
                    ignore=lambda folder, names: [n for n in names if n in ("SVG", "localization")])


def offline_page(page: str) -> str:
    """Load MathJax from the site's own copy, and drop the require.js tag (frozen widgets need no JS)."""
    page = page.replace(f'<script src="{NO_REQUIREJS}"></script>', "")
    return page.replace("<!-- Load mathjax -->", "<!-- Load mathjax -->\n" + MATHJAX_FONTS, 1)


def hide_verify_sources(nb: nbformat.NotebookNode) -> int:
    """Leave out the source of every ``verify`` cell (and the cell, if it has no outputs); return how many."""
    kept, hidden = [], 0
    for cell in nb.cells:
        if cell.cell_type == "code" and VERIFY_TAG in cell.get("metadata", {}).get("tags", []):
            hidden += 1
            if not cell.get("outputs"):
                continue
            cell.source = ""
            cell.metadata["transient"] = {"remove_source": True}
        kept.append(cell)
    nb.cells = kept
    return hidden


def notebook_page(path: Path, exporter) -> str:
    nb = read_notebook(path)
    hide_verify_sources(nb)
    freeze_widgets(nb)
    first = nb.cells[0].source.strip().splitlines() if nb.cells else []
    title = first[0].lstrip("#").strip() if first else path.stem
    page, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    return offline_page(page)


def build_site(src: Path = NOTEBOOKS, out: Path = DEFAULT_OUT, force: bool = False) -> list[Path]:
    """Write the site into ``out``; return the pages written.

    The site is built in a temporary folder, then published into ``out`` without
    touching any file this tool did not write (``safe_output.publish``).
    """
    src, out = Path(src), Path(out)
    check_folders(src, out)
    paths = sorted(src.glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        raise FileNotFoundError(f"no notebooks in {src}")
    with tempfile.TemporaryDirectory() as tmp:
        stage = Path(tmp) / out.name
        pages = _build(paths, src, stage)
        publish(tree(stage), out, force=force)
    return [out / page.relative_to(stage) for page in pages]


def _build(paths: list[Path], src: Path, out: Path) -> list[Path]:
    """Write the site of the notebooks ``paths`` into the new folder ``out``; return the pages written."""
    out.mkdir(parents=True)
    from nbconvert import HTMLExporter  # imported here, not by every test process that imports this module

    exporter = HTMLExporter(template_name="lab", mathjax_url=MATHJAX_URL, require_js_url=NO_REQUIREJS)
    exporter.register_filter("clean_html", clean_html_unless_highlighted)
    copy_mathjax(out)
    site = Site(out, src)
    site.done.update(p.resolve() for p in paths)
    written = []
    for path in paths:
        page = site.page_for(path)
        text = site.rewrite(notebook_page(path, exporter), path.resolve(), page)
        (out / page).write_text(text, encoding="utf-8")
        written.append(out / page)
        if path.stem == CONTENTS:
            (out / "index.html").write_text(text, encoding="utf-8")
            written.append(out / "index.html")
    if not (out / "index.html").exists():
        raise FileNotFoundError(f"the contents page {CONTENTS}.ipynb is missing from {src}")
    site.copy_pending()
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=NOTEBOOKS, help="notebooks (default: notebooks/)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/site/)")
    parser.add_argument("--force", action="store_true",
                        help="overwrite pages in <out> changed since this tool wrote them (other files are kept)")
    args = parser.parse_args(argv)
    try:
        written = build_site(args.src, args.out, force=args.force)
    except (BadInput, OutputInTheWay, FileNotFoundError) as exc:
        print(f"build_site: {exc}", file=sys.stderr)
        return 1
    shown = args.out.resolve()
    shown = shown.relative_to(ROOT) if ROOT in shown.parents else shown
    print(f"wrote {len(written)} pages to {shown}/ (open {shown}/index.html)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
