"""Countries are shown with an inline SVG flag and their name: flag emoji show as empty boxes on
many systems."""

import re
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

REGIONAL_INDICATORS = re.compile("[\U0001f1e6-\U0001f1ff]")


def test_no_template_uses_flag_emoji():
    base = Path(settings.BASE_DIR)
    templates = [p for p in base.glob("**/templates/**/*.html") if ".venv" not in p.parts]
    assert templates
    assert [str(p.relative_to(base)) for p in templates if REGIONAL_INDICATORS.search(p.read_text())] == []


def test_flag_with_the_country_name():
    with translation.override("it"):
        html = render_to_string("includes/flag.html", {"country": "FR"})
    assert '<svg class="flag"' in html and 'aria-hidden="true"' in html and "Francia" in html
