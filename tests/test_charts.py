"""Server-rendered bar charts: lengths relative to the scale, target markers always visible."""

from django.template.loader import render_to_string
from django.utils import translation

from circuito.charts import bars


def test_bars_scale_to_the_largest_value_or_target():
    result = bars([("A", 5), ("B", 10), ("C", None)], targets={"A": 20})
    assert [b.percent for b in result] == [25.0, 50.0, 0.0]
    assert result[0].target is not None and result[0].target < 100  # drawn inside at the far end
    assert result[1].target is None


def test_values_are_shown_in_the_readers_number_format():
    with translation.override("fr"):
        shown = bars([("A", 1234.5)])[0].display
        assert shown.startswith("1") and shown.endswith("234,5") and len(shown) == 7  # grouped thousands
    with translation.override("it"):
        assert bars([("A", 1234.5)])[0].display == "1.234,5"


def test_chart_renders_an_accessible_svg_per_bar():
    html = render_to_string("includes/bar_chart.html", {"bars": bars([("Liguria", 3), ("PACA", 6)]), "title": "T"})
    assert html.count("<svg") == 2
    assert 'aria-label="PACA: 6"' in html and 'width="100.0%"' in html
