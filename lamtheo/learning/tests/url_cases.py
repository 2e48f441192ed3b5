"""The learning app's pages in the walk of every URL as every role. Each part of the app
keeps its cases in its own module; this one only gathers them."""

from __future__ import annotations

from lamtheo.learning.tests import meetings_url_cases


def prepare(world) -> None:
    meetings_url_cases.prepare(world)


def cases(world) -> list:
    return meetings_url_cases.cases(world)
