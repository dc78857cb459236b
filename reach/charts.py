"""Charts drawn on the server as SVG: the same in the admin, in print and in the PDF a
browser saves, with no script and nothing fetched. Each chart is drawn from the figures
its table shows (`report.shown`): a count shown as "< 5" is drawn as nothing."""

from dataclasses import dataclass
from datetime import date

from .report import shown


@dataclass(frozen=True)
class Bar:
    label: str
    figure: int | str  # as shown in the table
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    peak: int  # the value the top of the scale stands for
    ticks: list[tuple[float, int]]  # (position, value) of the scale's lines


def _drawn(value: int) -> int:
    return value if isinstance(shown(value), int) else 0


def _peak(values: list[int]) -> int:
    """A round top for the scale (1, 2 or 5 times a power of ten, at least 10, so its
    half is a whole number), at least the largest value."""
    largest, step = max(values, default=0), 10
    while True:
        for factor in (1, 2, 5):
            if step * factor >= largest:
                return step * factor
        step *= 10


def columns(title: str, points: list[tuple[date | str, int]], *, monthly: bool = False) -> Chart:
    """Vertical columns over time, left to right (reads by day, or by month)."""
    width, height, left, bottom = 720, 220, 48, 24
    values = [_drawn(value) for _, value in points]
    peak = _peak(values)
    slot = (width - left) / max(len(points), 1)
    plot = height - bottom - 8
    bars = []
    for index, ((when, value), drawn) in enumerate(zip(points, values, strict=True)):
        bar_height = plot * drawn / peak
        label = when if isinstance(when, str) else f"{when:%b %Y}" if monthly else f"{when:%-d %b}"
        bars.append(Bar(
            label=label, figure=shown(value), x=left + index * slot + slot * 0.1,
            y=8 + plot - bar_height, width=max(slot * 0.8, 1), height=bar_height,
        ))  # fmt: skip
    ticks = [(8 + plot - plot * part / 2, peak * part // 2) for part in range(3)]
    return Chart(title=title, bars=bars, width=width, height=height, peak=peak, ticks=ticks)


def rows(title: str, points: list[tuple[str, int]]) -> Chart:
    """Horizontal bars, largest first as given (top stories, projects, channels)."""
    label_width, width, row = 330, 760, 26
    values = [_drawn(value) for _, value in points]
    peak = _peak(values)
    plot = width - label_width - 70
    bars = [
        Bar(
            label=label,
            figure=shown(value),
            x=label_width,
            y=index * row + 4,
            width=plot * drawn / peak,
            height=row - 8,
        )  # fmt: skip
        for index, ((label, value), drawn) in enumerate(zip(points, values, strict=True))
    ]
    return Chart(
        title=title, bars=bars, width=width, height=max(len(points), 1) * row + 8, peak=peak,
        ticks=[],
    )  # fmt: skip
