"""The learning app's pages in the walk of every URL (tests/test_every_url_as_every_role.py).
Each part of the app keeps its cases in its own tests/url_cases.py; this one only gathers
them."""

from __future__ import annotations

from lamtheo.learning.meetings.tests import url_cases as meetings_url_cases
from lamtheo.learning.study.tests import url_cases as study_url_cases


def prepare(world) -> None:
    study_url_cases.prepare(world)
    meetings_url_cases.prepare(world)


def cases(world) -> list:
    return study_url_cases.cases(world) + meetings_url_cases.cases(world)
