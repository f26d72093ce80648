"""Small server-rendered charts (SVG): no JavaScript library, and nothing the strict CSP blocks
(bar lengths are SVG attributes, not inline styles). Rendered by templates/includes/bar_chart.html."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import formats


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    percent: float  # length of the bar, 0–100, relative to the scale
    display: str  # the value as shown beside the bar
    target: float | None = None  # where a target marker sits, 0–100, or None


def bars(
    items: Iterable[tuple[str, float | int | None]],
    *,
    scale: float | None = None,
    targets: dict[str, float] | None = None,
    suffix: str = "",
) -> list[Bar]:
    """Bars for `(label, value)` pairs, scaled to `scale` (default: the largest value or target).

    `targets` maps a label to its target value; it is drawn as a marker on the bar."""
    rows = [(label, float(value or 0)) for label, value in items]
    targets = targets or {}
    top = scale or max([v for _l, v in rows] + [float(t) for t in targets.values()] + [0.0])
    result = []
    for label, value in rows:
        target = targets.get(label)
        result.append(
            Bar(
                label=str(label),
                value=value,
                percent=round(min(value / top, 1.0) * 100, 1) if top else 0.0,
                display=formats.number_format(value if value % 1 else int(value), use_l10n=True, force_grouping=True)
                + suffix,
                # The 2-unit-wide marker must stay inside the drawing, even at 100 %.
                target=round(min(float(target) / top * 100, 99.4), 1) if top and target is not None else None,
            )
        )
    return result
