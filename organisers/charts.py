"""Small server-rendered SVG bar charts: no JavaScript, no external assets, every text escaped."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date, format_number, get_locale, ngettext
from markupsafe import Markup, escape

from formatting import long_date


@dataclass(frozen=True)
class Bar:
    label: str   # under the bar, short ("3 Mar", "Mar 2026"); may be left out when bars are many
    title: str   # what a pointer or a screen reader is told ("3 March 2026: 12 letters")
    count: int


def _short(day: date) -> str:
    # "3 Mar", "3 мар.", "3 mars": the month abbreviated the way the page's language does.
    return format_date(day, "d MMM")


def _labelled(count: int) -> list[int]:
    """The bars labelled under the axis: the first and last, and a few between when there is room."""
    step = max(1, count // 6)
    labelled = list(range(0, count, step))
    if labelled and labelled[-1] != count - 1:
        if count - 1 - labelled[-1] < step / 2:
            labelled.pop()  # too close to the last bar's label
        labelled.append(count - 1)
    return labelled


def bar_chart(bars: list[Bar], *, title: str, chart_id: str = "chart", label_every: bool = False,
              width: int = 640, height: int = 220) -> Markup:
    """One bar per item, in order; the tallest bar sets the scale. Colours come from the stylesheet.

    chart_id names the chart's title element, so that several charts on one page keep their own.
    """
    left, right, top, bottom = 36, 8, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((bar.count for bar in bars), default=0) or 1
    slot = plot_w / max(len(bars), 1)
    bar_w = min(max(slot * 0.8, 1.0), 28.0)
    title_id = f"{chart_id}-title"
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{title_id}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<line class="chart-axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}"/>',
        f'<text class="chart-label" x="{left - 6}" y="{top + 4}" text-anchor="end">{format_number(peak)}</text>',
        f'<text class="chart-label" x="{left - 6}" y="{top + plot_h}" text-anchor="end">{format_number(0)}</text>',
    ]
    for index, bar in enumerate(bars):
        bar_h = plot_h * bar.count / peak
        x = left + index * slot + (slot - bar_w) / 2
        parts.append(f'<rect class="chart-bar" x="{x:.1f}" y="{top + plot_h - bar_h:.1f}" width="{bar_w:.1f}" '
                     f'height="{bar_h:.1f}"><title>{escape(bar.title)}</title></rect>')
    for index in range(len(bars)) if label_every else _labelled(len(bars)):
        x = left + index * slot + slot / 2
        parts.append(f'<text class="chart-label" x="{x:.1f}" y="{height - 8}" text-anchor="middle">'
                     f'{escape(bars[index].label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def daily_bar_chart(days: list[tuple[date, int]], *, title: str, width: int = 640, height: int = 220) -> Markup:
    """Letters per day, one bar a day."""
    language = str(get_locale() or "en")
    bars = [Bar(_short(day), ngettext("%(day)s: %(count)s letter", "%(day)s: %(count)s letters", count,
                                      day=long_date(day, language), count=format_number(count)), count)
            for day, count in days]
    return bar_chart(bars, title=title, width=width, height=height)
