"""Formatted text of the plan (introductions, conclusion): written as Markdown, shown as sanitised HTML.

One renderer for every output: the pages and the PDF show :func:`render`; the DOCX writer reads the same
HTML. Raw HTML in the source is not interpreted (it appears as text), and the result passes an nh3
allow-list, so a text can never load, embed or run anything.

Markdown that people use in such texts: paragraphs (an empty line), ``**vet**``, ``*cursief*``, lists
(``- punt`` or ``1. punt``), headings (``### Titel``, shown as a small heading) and links
(``[tekst](https://…)``).
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

TAGS = {"p", "ul", "ol", "li", "strong", "em", "h3", "h4", "a", "br"}
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}

# CommonMark without raw HTML; a single line break stays a line break (people type addresses, lists of names).
_md = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False}).disable(["image", "code", "fence"])


def sanitise(html: str | None) -> str:
    """Keep paragraphs, lists, emphasis, small headings and links; drop everything else."""
    return nh3.clean(html or "", tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES).strip()


def _shift_headings(html: str) -> str:
    """Headings inside a text sit below the page's own: #, ## and ### become h3, deeper ones h4."""
    for level, to in (("1", "3"), ("2", "3"), ("5", "4"), ("6", "4")):
        html = html.replace(f"<h{level}>", f"<h{to}>").replace(f"</h{level}>", f"</h{to}>")
    return html


def render(source: str | None) -> str:
    """The sanitised HTML of a Markdown text ("" for an empty one)."""
    if not (source or "").strip():
        return ""
    return sanitise(_shift_headings(_md.render(source)))


def from_html(html: str | None) -> str:
    """Markdown for a text that was stored as sanitised HTML (the conversion of older texts)."""
    from markdownify import markdownify

    if not (html or "").strip():
        return ""
    if "<" not in html:  # plain text already: keep it as it is
        return html.strip()
    text = markdownify(sanitise(html), heading_style="ATX", bullets="-", strong_em_symbol="*", escape_misc=False)
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:  # at most one empty line between blocks
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out)
