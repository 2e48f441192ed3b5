"""The learning app's pages in the walk of every URL (tests/test_every_url_as_every_role.py).
Each part of the app keeps its cases in its own module; this one only gathers them."""

from __future__ import annotations

from .study_url_cases import cases as study_cases
from .study_url_cases import prepare as study_prepare


def prepare(world) -> None:
    study_prepare(world)


def cases(world) -> list:
    return study_cases(world)
