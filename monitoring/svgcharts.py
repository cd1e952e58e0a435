"""Small server-rendered SVG charts (no script, no CDN), laid out so that no label is cut off.

This module only computes geometry: numbers and plain label text. The markup is written by
the Django template ``monitoring/charts/_svg.html`` with autoescape, so every label (a domain,
barrier or action title) is escaped by the one writer of the format; nothing here builds
markup by hand. The same chart is shown in pages (inline, with a caption and its data table
behind "toon als tabel") and in the PDFs (WeasyPrint draws inline SVG).

Labels are wrapped and the margins sized from an upper bound of the text width
(``text_width``), so every text stays inside the viewBox (tested).

Colours have ≥ 3:1 contrast against white; each series also has its own pattern and a
label in the legend, so colour is never the only cue.
"""

from __future__ import annotations

import itertools
import textwrap
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string

FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
CHAR_WIDTH = 0.62  # upper bound of the average glyph width of the font, in font sizes
INK = "#1a1a1a"
MUTED = "#595959"
GRID = "#cbd2da"

_ids = itertools.count(1)


@dataclass(frozen=True)
class Series:
    """One series: its key, label, colour and pattern (``solid``, ``diagonal``, ``dots``, ``cross``, ``horizontal``)."""

    key: str
    label: str
    color: str
    pattern: str = "solid"


# The progress states, in the order of the stacked bars, with colour and pattern.
PROGRESS_SERIES = {
    "on_track": ("#0b6b2f", "solid"),
    "at_risk": ("#8a6d00", "dots"),
    "delayed": ("#b34700", "diagonal"),
    "blocked": ("#b3001b", "cross"),
    "none": ("#595959", "horizontal"),
}
BLUE, GREY, GREEN = "#0055cc", "#595959", "#0b6b2f"


def text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


def wrap(text: str, width_px: float, size: float, max_lines: int = 3) -> list[str]:
    """``text`` in lines that fit ``width_px`` (a last line may end in "…" when there are too many)."""
    chars = max(int(width_px / (size * CHAR_WIDTH)), 4)
    lines = textwrap.wrap(str(text), chars, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: chars - 1] + "…"
    return lines


@dataclass
class Chart:
    """A chart: what the template draws, the text alternative and the table behind it."""

    title: str
    desc: str
    width: int
    height: int
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # the data table: [label, value, ...] per row
    rects: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    dots: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    patterns: list = field(default_factory=list)
    legend: list = field(default_factory=list)
    kind: str = ""
    small: bool = False
    id: str = ""

    def __post_init__(self):
        self.id = self.id or f"chart{next(_ids)}"

    # drawing helpers -------------------------------------------------------------------
    def text(self, x, y, text, *, size=12, anchor="start", weight="normal", fill=INK):
        self.texts.append({"x": round(x, 1), "y": round(y, 1), "text": str(text), "size": size, "anchor": anchor,
                           "weight": weight, "fill": fill})

    def rect(self, x, y, w, h, series: Series | None = None, *, fill=None, label=""):
        fill_ref = fill or (self.fill(series) if series else GREY)
        self.rects.append({"x": round(x, 1), "y": round(y, 1), "w": round(max(w, 0), 1), "h": round(h, 1),
                           "fill": fill_ref, "label": label})

    def line(self, points, *, color=INK, width=2, dash=""):
        self.lines.append({"points": " ".join(f"{round(x, 1)},{round(y, 1)}" for x, y in points),
                           "color": color, "width": width, "dash": dash})

    def dot(self, x, y, *, color=INK, r=4, label=""):
        self.dots.append({"x": round(x, 1), "y": round(y, 1), "r": r, "color": color, "label": label})

    def fill(self, series: Series) -> str:
        if series.pattern == "solid":
            return series.color
        pid = f"{self.id}-{series.key}"
        if not any(p["id"] == pid for p in self.patterns):
            self.patterns.append({"id": pid, "color": series.color, "kind": series.pattern})
        return f"url(#{pid})"

    def add_legend(self, series_list, y):
        """The legend in rows from the left; returns the y below it."""
        x, size = 10.0, 12
        for series in series_list:
            needed = 22 + text_width(series.label, size) + 18
            if x + needed > self.width - 10 and x > 10:
                x, y = 10.0, y + 20
            self.rect(x, y - 11, 14, 14, series)
            self.text(x + 20, y, series.label, size=size)
            self.legend.append(series)
            x += needed
        return y + 20

    @property
    def svg(self) -> str:
        return render_to_string("monitoring/charts/_svg.html", {"chart": self})


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000):
        if value <= step * 5:
            return step * (int(value // step) + (0 if value % step == 0 else 1))
    return value


def _ticks(top: float, n: int = 5) -> list[float]:
    step = top / n
    return [round(step * i, 6) for i in range(n + 1)]


def _fmt(value) -> str:
    """A number as nl-BE writes it: 1.250 and 0,8 (at most two decimals); anything else as text."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return str(value)
    if float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{float(value):,.2f}".rstrip("0").rstrip(".")
    return text.translate(str.maketrans(",.", ".,"))


# --------------------------------------------------------------------------- horizontal bars
def hbar(*, title: str, desc: str, rows: list[dict], series: Series, headers: list, extra_cols=None,
         width=720, label_width=230) -> Chart:
    """One horizontal bar per row (``label``, ``value``, optional ``note`` after the value)."""
    size, bar, gap, top = 12, 22, 12, 34
    chart = Chart(title=title, desc=desc, width=width, height=0, headers=headers, kind="hbar")
    chart.text(10, 20, title, size=15, weight="bold")
    wrapped = [wrap(r["label"], label_width - 10, size, max_lines=2) for r in rows]
    longest_note = max([text_width(f"{_fmt(r['value'])}{r.get('note', '')}", size) for r in rows] + [20])
    plot_x0 = 10 + label_width
    plot_w = width - plot_x0 - longest_note - 20
    top_value = max([r["value"] for r in rows] + [1])
    y = top
    for r, lines in zip(rows, wrapped):
        h = max(bar, 15 * len(lines))
        for i, line in enumerate(lines):
            chart.text(10, y + 15 + i * 15 - (len(lines) - 1) * 5, line, size=size)
        w = plot_w * r["value"] / top_value
        chart.rect(plot_x0, y + (h - bar) / 2, w, bar, r.get("series", series), label=r["label"])
        chart.text(plot_x0 + w + 6, y + h / 2 + 4, f"{_fmt(r['value'])}{r.get('note', '')}", size=size)
        chart.rows.append([r["label"], r["value"], *(extra_cols(r) if extra_cols else [])])
        y += h + gap
    chart.line([(plot_x0, top - 4), (plot_x0, y - gap + 4)], color=MUTED, width=1)
    legend = []
    for r in rows:
        s = r.get("series", series)
        if s not in legend:
            legend.append(s)
    if len(legend) > 1:
        y = chart.add_legend(legend, y + 12)
    chart.height = int(y + 6)
    return chart


def stacked_hbar(*, title: str, desc: str, categories: list[str], series: list[Series],
                 values: list[list[int]], headers: list, width=720, label_width=230) -> Chart:
    """One bar per category, split into ``series`` (values[category][series]); each part labelled when wide."""
    size, bar, gap, top = 12, 24, 12, 34
    chart = Chart(title=title, desc=desc, width=width, height=0, headers=headers, kind="stacked")
    chart.text(10, 20, title, size=15, weight="bold")
    totals = [sum(v) for v in values]
    top_value = max(totals + [1])
    plot_x0 = 10 + label_width
    total_w = max([text_width(str(t), size) for t in totals] + [10])
    plot_w = width - plot_x0 - total_w - 20
    y = top
    for name, row, total in zip(categories, values, totals):
        lines = wrap(name, label_width - 10, size, max_lines=2)
        h = max(bar, 15 * len(lines))
        for i, line in enumerate(lines):
            chart.text(10, y + 15 + i * 15 - (len(lines) - 1) * 5, line, size=size)
        x = plot_x0
        for s, n in zip(series, row):
            w = plot_w * n / top_value
            if n:
                chart.rect(x, y + (h - bar) / 2, w, bar, s, label=f"{name}: {s.label} {n}")
                if w >= text_width(str(n), 11) + 8:
                    chart.rects[-1]["value"] = n
                    chart.text(x + w / 2, y + h / 2 + 4, n, size=11, anchor="middle", weight="bold", fill="#ffffff")
            x += w
        chart.text(x + 6, y + h / 2 + 4, total, size=size)
        chart.rows.append([name, *row, total])
        y += h + gap
    if not categories:
        chart.text(10, y + 14, "—", size=size)
        y += 30
    y = chart.add_legend(series, y + 12)
    chart.height = int(y + 6)
    return chart


# --------------------------------------------------------------------------- vertical: bars and lines
def columns(*, title: str, desc: str, x_labels: list[str], bars: list[tuple[Series, list]],
            lines: list[tuple[Series, list]] = (), headers: list, width=720, height=300, y_suffix="",
            y_max: float | None = None) -> Chart:
    """Grouped vertical bars per x label, with optional lines over them (e.g. a plan's baseline)."""
    size = 12
    chart = Chart(title=title, desc=desc, width=width, height=0, headers=headers, kind="columns")
    chart.text(10, 20, title, size=15, weight="bold")
    everything = [v for _s, vs in list(bars) + list(lines) for v in vs if v is not None]
    top = y_max if y_max is not None else _nice_max(max(everything + [1]))
    ticks = _ticks(top)
    tick_labels = [f"{_fmt(t if t % 1 else int(t))}{y_suffix}" for t in ticks]
    plot_x0 = 16 + max(text_width(t, 11) for t in tick_labels)
    plot_x1 = width - 16
    plot_y0, plot_y1 = 40, height - 40
    n = max(len(x_labels), 1)
    slot = (plot_x1 - plot_x0) / n
    # x labels: as many lines as needed to fit the slot
    label_lines = [wrap(lbl, slot - 4, 11, max_lines=2) for lbl in x_labels]
    extra = 14 * (max([len(ls) for ls in label_lines] + [1]) - 1)

    def ypos(v):
        return plot_y1 - (plot_y1 - plot_y0) * (v / top if top else 0)

    for t, label in zip(ticks, tick_labels):
        chart.line([(plot_x0, ypos(t)), (plot_x1, ypos(t))], color=GRID, width=1)
        chart.text(plot_x0 - 6, ypos(t) + 4, label, size=11, anchor="end", fill=MUTED)
    nbars = max(len(bars), 1)
    bar_w = min((slot - 10) / nbars, 40)
    for i, lines_ in enumerate(label_lines):
        cx = plot_x0 + slot * (i + 0.5)
        for j, line in enumerate(lines_):
            chart.text(cx, plot_y1 + 16 + 14 * j, line, size=11, anchor="middle")
        for b, (s, vs) in enumerate(bars):
            v = vs[i] or 0
            x = cx - bar_w * nbars / 2 + b * bar_w
            chart.rect(x + 1, ypos(v), bar_w - 2, plot_y1 - ypos(v), s, label=f"{x_labels[i]}: {s.label} {v}")
    for s, vs in lines:
        points = [(plot_x0 + slot * (i + 0.5), ypos(v)) for i, v in enumerate(vs) if v is not None]
        if points:
            chart.line(points, color=s.color, width=3, dash="6 4" if s.pattern != "solid" else "")
            for (x, y), i in zip(points, [i for i, v in enumerate(vs) if v is not None]):
                chart.dot(x, y, color=s.color, label=f"{x_labels[i]}: {s.label} {vs[i]}")
    chart.line([(plot_x0, plot_y1), (plot_x1, plot_y1)], color=MUTED, width=1)
    for i, lbl in enumerate(x_labels):
        chart.rows.append([lbl, *[vs[i] for _s, vs in bars], *[vs[i] for _s, vs in lines]])
    y = chart.add_legend([s for s, _v in bars] + [s for s, _v in lines], plot_y1 + 40 + extra)
    chart.height = int(y + 6)
    return chart


def line_chart(*, title: str, desc: str, x_labels: list[str], lines: list[tuple[Series, list]], headers: list,
               width=720, height=280, y_suffix="", y_max: float | None = None) -> Chart:
    return columns(title=title, desc=desc, x_labels=x_labels, bars=[], lines=lines, headers=headers, width=width,
                   height=height, y_suffix=y_suffix, y_max=y_max)


# --------------------------------------------------------------------------- small charts
def sparkline(*, title: str, desc: str, values: list[float], baseline: float | None = None,
              target: float | None = None, width=120, height=32) -> Chart:
    """A small trend line with the baseline (dashed) and the target (dotted); the row beside it has the numbers."""
    chart = Chart(title=title, desc=desc, width=width, height=height, kind="sparkline", small=True)
    marks = [v for v in (baseline, target) if v is not None]
    every = [float(v) for v in values] + [float(v) for v in marks]
    if not every:
        return chart
    low, high = min(every), max(every)
    if high == low:
        low, high = low - 1, high + 1
    pad = 4

    def ypos(v):
        return height - pad - (height - 2 * pad) * (float(v) - low) / (high - low)

    if baseline is not None:
        chart.line([(pad, ypos(baseline)), (width - pad, ypos(baseline))], color=MUTED, width=1, dash="4 3")
    if target is not None:
        chart.line([(pad, ypos(target)), (width - pad, ypos(target))], color=GREEN, width=1.5, dash="1 3")
    if values:
        step = (width - 2 * pad) / max(len(values) - 1, 1)
        points = [(pad + step * i, ypos(v)) for i, v in enumerate(values)]
        if len(points) == 1:
            points = [(pad, points[0][1]), (width - pad, points[0][1])]
        chart.line(points, color=BLUE, width=2)
        chart.dot(*points[-1], color=BLUE, r=2.5)
    return chart


def timeline(*, title: str, desc: str, points: list[dict], headers: list, width=720, height=200) -> Chart:
    """Percentages over time, each point marked with its progress state (symbol letter and colour)."""
    chart = columns(title=title, desc=desc, x_labels=[p["label"] for p in points], bars=[],
                    lines=[(Series("percent", headers[2] if len(headers) > 2 else "%", BLUE), [p["percent"] for p in points])],
                    headers=headers, width=width, height=height, y_suffix=" %", y_max=100)
    chart.kind = "timeline"
    chart.rows = [[p["label"], p["state_label"], p["percent"]] for p in points]
    # the state as a short label above each point (never colour alone)
    for dot, p in zip(chart.dots, points):
        dot["color"] = PROGRESS_SERIES.get(p["state"], (GREY,))[0]
        chart.text(dot["x"], max(dot["y"] - 8, 48), p["state_short"], size=10, anchor="middle",
                   fill=dot["color"], weight="bold")
    return chart
