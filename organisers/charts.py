"""A small server-rendered SVG bar chart: no JavaScript, no external assets, every text escaped."""
from __future__ import annotations

from datetime import date

from flask_babel import format_date, format_number, get_locale, ngettext
from markupsafe import Markup, escape

from formatting import long_date


def _short(day: date) -> str:
    # "3 Mar", "3 мар.", "3 mars": the month abbreviated the way the page's language does.
    return format_date(day, "d MMM")


def daily_bar_chart(days: list[tuple[date, int]], *, title: str, width: int = 640, height: int = 220) -> Markup:
    """One bar per day; the tallest bar sets the scale. Colours come from the stylesheet."""
    left, right, top, bottom = 36, 8, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((n for _, n in days), default=0) or 1
    slot = plot_w / max(len(days), 1)
    bar_w = min(max(slot * 0.8, 1.0), 28.0)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<line class="chart-axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}"/>',
        f'<text class="chart-label" x="{left - 6}" y="{top + 4}" text-anchor="end">{format_number(peak)}</text>',
        f'<text class="chart-label" x="{left - 6}" y="{top + plot_h}" text-anchor="end">{format_number(0)}</text>',
    ]
    for index, (day, count) in enumerate(days):
        bar_h = plot_h * count / peak
        x = left + index * slot + (slot - bar_w) / 2
        label = ngettext("%(day)s: %(count)s letter", "%(day)s: %(count)s letters", count,
                         day=long_date(day, str(get_locale() or "en")), count=format_number(count))
        parts.append(f'<rect class="chart-bar" x="{x:.1f}" y="{top + plot_h - bar_h:.1f}" width="{bar_w:.1f}" '
                     f'height="{bar_h:.1f}"><title>{escape(label)}</title></rect>')
    # Label the first and last day, and a few between when there is room.
    step = max(1, len(days) // 6)
    labelled = list(range(0, len(days), step))
    if labelled and labelled[-1] != len(days) - 1:
        if len(days) - 1 - labelled[-1] < step / 2:
            labelled.pop()  # too close to the last day's label
        labelled.append(len(days) - 1)
    for index in labelled:
        day = days[index][0]
        x = left + index * slot + slot / 2
        parts.append(f'<text class="chart-label" x="{x:.1f}" y="{height - 8}" text-anchor="middle">'
                     f'{escape(_short(day))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
