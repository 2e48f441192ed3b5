"""The frame of every page: the trail of links at the top ("breadcrumbs") reads
"A › B › C", a space on both sides of each "›" and never a bare "›" at the end (checked on
the template sources, every branch of their {% if %} at once); the site has an icon."""

from __future__ import annotations

import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

import lamtheo

REGION = re.compile(r'<(p|nav) class="breadcrumbs"[^>]*>(.*?)</\1>', re.S)
TAG = re.compile(r"\{%.*?%\}", re.S)


def _trails():
    root = Path(lamtheo.__file__).parent
    for path in sorted(root.rglob("templates/**/*.html")):
        for m in REGION.finditer(path.read_text(encoding="utf-8")):
            yield path.relative_to(root), TAG.sub("", m.group(2))


def test_the_breadcrumbs_never_end_in_a_bare_separator_and_keep_their_spaces():
    wrong = []
    for path, trail in _trails():
        text = trail.strip()
        if text.endswith("›"):
            wrong.append(f"{path}: ends in ›")
        if re.search(r"\S›|›(?!\s)", text):
            wrong.append(f"{path}: › without a space beside it")
    assert wrong == []


def test_there_are_breadcrumbs_to_check():
    assert sum(1 for _ in _trails()) > 20


def test_every_page_names_an_icon_that_is_served():
    html = render_to_string("base.html")
    icons = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="/static/([^"]+)"', html)
    assert {Path(i).suffix for i in icons} >= {".svg", ".ico", ".png"}
    for name in icons:
        path = finders.find(name)
        assert path and Path(path).stat().st_size > 100
