"""Charts rendered on the server as SVG with pygal: the same file works in pages (as an image)
and in PDFs (WeasyPrint), without any script.

Pages show a chart as ``<img src=".../grafiek.svg" alt="…">`` with a table next to it as
the text alternative; the SVG is served with its own strict CSP (no scripts at all, only
the chart's own inline style). pygal's tooltip script and its config script are removed.
"""

from __future__ import annotations

import base64
import re
from datetime import date
import pygal
from django.utils import timezone
from django.utils.translation import gettext as _
from pygal.style import Style

from monitoring.models import IndicatorUnit

FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
# Flemish government palette, all dark enough against white (≥ 3:1 for graphical objects).
COLORS = ("#0055cc", "#595959", "#0b6b2f", "#b3001b", "#8a6d00", "#4b2377")

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#cbd2da",
    opacity="1",
    opacity_hover="1",
    colors=COLORS,
    font_family=FONT,
    label_font_family=FONT,
    major_label_font_family=FONT,
    value_font_family=FONT,
    value_label_font_family=FONT,
    tooltip_font_family=FONT,
    title_font_family=FONT,
    legend_font_family=FONT,
    title_font_size=16,
    legend_font_size=13,
    label_font_size=12,
    major_label_font_size=12,
)

_SCRIPT = re.compile(r"<script\b.*?</script>", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _config(**kwargs) -> dict:
    config = dict(
        style=STYLE,
        js=[],  # no external tooltip script
        disable_xml_declaration=False,
        explicit_size=True,
        width=720,
        height=340,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        truncate_legend=-1,
        truncate_label=-1,  # labels are never cut off ("01/20…")
        show_x_guides=False,
        show_y_guides=True,
        dots_size=4,
        margin=16,
        pretty_print=False,
    )
    config.update(kwargs)
    return config


def _render(chart) -> bytes:
    svg = chart.render().decode("utf-8")
    svg = _SCRIPT.sub("", svg)
    svg = _COMMENT.sub("", svg)
    return svg.encode("utf-8")


def data_uri(svg: bytes) -> str:
    """For the PDF: the chart as a data: URI image."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _number(value, unit: str) -> str:
    if value is None:
        return ""
    value = float(value)
    if unit == IndicatorUnit.PERCENT:
        return f"{value:.1f}".replace(".", ",") + " %"
    if unit == IndicatorUnit.COUNT:
        return f"{value:,.0f}".replace(",", ".")
    return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _x(measurement) -> float:
    if measurement.date:
        day: date = measurement.date
        return day.year + (day.timetuple().tm_yday - 1) / 366
    return float(measurement.year)


# --------------------------------------------------------------------------- indicator
def indicator_chart(indicator, measurements) -> bytes:
    """Measurements over time, with the baseline and (if known) the target as lines."""
    unit = indicator.unit
    points = sorted((_x(m), float(m.value)) for m in measurements)
    has_base = indicator.baseline_value is not None and indicator.baseline_year is not None
    xs = [p[0] for p in points] + ([float(indicator.baseline_year)] if has_base else [])
    if indicator.target_year:
        xs.append(float(indicator.target_year))
    xs = xs or [float(timezone.localdate().year)]
    first, last = min(xs), max(xs)
    if first == last:
        first, last = first - 1, last + 1
    values = [p[1] for p in points] + ([float(indicator.baseline_value)] if has_base else [])
    if indicator.target_value is not None:
        values.append(float(indicator.target_value))
    values = values or [0.0]
    low, high = min(values), max(values)
    pad = (high - low) * 0.15 or max(abs(high) * 0.1, 1)
    low = max(0.0, low - pad) if low >= 0 else low - pad
    high = high + pad
    if unit == IndicatorUnit.PERCENT:
        high = min(100.0, high)
    chart = pygal.XY(
        **_config(
            title=str(indicator.name),
            x_title=_("jaar"),
            y_title=str(indicator.get_unit_display()),
            range=(low, high),
            xrange=(first - 0.3, last + 0.3),
            x_value_formatter=lambda x: f"{x:.0f}",
            value_formatter=lambda y: _number(y, unit),
            x_labels=list(range(int(first), int(last) + 1)),
            stroke_style={"width": 2},
        )
    )
    chart.add(_("Metingen"), points, stroke_style={"width": 3})
    if has_base:
        chart.add(
            _("Basiswaarde %(year)s: %(value)s") % {"year": indicator.baseline_year,
                                                   "value": _number(indicator.baseline_value, unit)},
            [(first, float(indicator.baseline_value)), (last, float(indicator.baseline_value))],
            show_dots=False, stroke_style={"width": 2, "dasharray": "6, 4"},
        )
    if indicator.target_value is not None:
        label = _("Streefwaarde: %(value)s") % {"value": _number(indicator.target_value, unit)}
        if indicator.target_year:
            label = _("Streefwaarde %(year)s: %(value)s") % {"year": indicator.target_year,
                                                             "value": _number(indicator.target_value, unit)}
        chart.add(
            label,
            [(first, float(indicator.target_value)), (last, float(indicator.target_value))],
            show_dots=False, stroke_style={"width": 2, "dasharray": "2, 4"},
        )
    return _render(chart)


def indicator_chart_alt(indicator, measurements) -> str:
    """A one-sentence text alternative; the table next to the chart has every value."""
    latest = None
    for m in measurements:
        latest = m
    if indicator.baseline_value is not None:
        text = _("Grafiek van %(name)s: basiswaarde %(base)s in %(year)s") % {
            "name": indicator.name, "base": _number(indicator.baseline_value, indicator.unit),
            "year": indicator.baseline_year}
    else:
        text = _("Grafiek van %(name)s: geen basiswaarde") % {"name": indicator.name}
    if latest is not None:
        text += _(", laatste meting %(value)s (%(period)s)") % {
            "value": _number(latest.value, indicator.unit), "period": latest.date or latest.year}
    if indicator.target_value is not None:
        text += _(", streefwaarde %(value)s") % {"value": _number(indicator.target_value, indicator.unit)}
        if indicator.target_year:
            text += _(" tegen %(year)s") % {"year": indicator.target_year}
    return text + _(". De tabel bij de grafiek geeft alle waarden.")


# --------------------------------------------------------------------------- burn-up
def burnup_chart(series: list[tuple[str, list[tuple[date, int]]]], deadlines: list[tuple[str, date]],
                 start: date, end: date) -> bytes:
    """Cumulative counts over time (burn-up) with each phase deadline as a vertical line."""
    top = max([count for _name, points in series for _day, count in points] + [1])
    chart = pygal.DateLine(
        **_config(
            title=_("Beslissingen over acties in de tijd"),
            x_title=_("datum"),
            y_title=_("aantal acties"),
            range=(0, top * 1.1),
            x_value_formatter=lambda d: d.strftime("%m/%Y"),
            value_formatter=lambda y: f"{y:.0f}",
            x_label_rotation=0,
            show_minor_x_labels=False,
            x_labels_major_count=6,
            height=380,
        )
    )
    chart.x_labels = _month_starts(start, end)
    for name, points in series:
        chart.add(name, [(d, c) for d, c in points], show_dots=False, stroke_style={"width": 3})
    for name, day in deadlines:
        chart.add(name, [(day, 0), (day, top * 1.1)], show_dots=False,
                  stroke_style={"width": 2, "dasharray": "6, 4"})
    return _render(chart)


def _month_starts(start: date, end: date) -> list[date]:
    days, year, month = [], start.year, start.month
    while date(year, month, 1) <= end:
        days.append(date(year, month, 1))
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return days or [start]
