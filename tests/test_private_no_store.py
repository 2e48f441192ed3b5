"""Pages and downloads with personal data are kept by no cache (issue 9, item 11).

Every URL of the walk, asked by people of several roles, answers signed-in people with
`Cache-Control: private, no-store`: pages, .xlsx exports, the .docx minutes and the stored
files people uploaded. The one exception is the chart of aggregate rates, which keeps its
own private one-minute cache.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from lamtheo.tests.helpers import sign_in
from tests.test_every_url_as_every_role import cases, user_for, world  # noqa: F401

KEPT_PRIVATE = {"dashboard:chart": "private, max-age=60"}
# What must have been answered with 200 at least once, so that each kind is checked.
KINDS = {
    "home:home": "text/html",
    "handbook:month": "text/html",
    "dashboard:unit_export": "spreadsheetml",
    "learning:meeting_minutes": "wordprocessingml",
    "documents:file": "wordprocessingml",  # an uploaded document
    "campaign:material_download": "application/pdf",  # an uploaded study material
}


def _directives(value: str) -> set[str]:
    return {d.strip() for d in value.split(",") if d.strip()}


@pytest.mark.django_db
def test_every_answer_to_a_signed_in_person_is_private_no_store(world, client):  # noqa: F811
    wrong: list[str] = []
    seen: dict[str, str] = {}
    for role in ["member", "secretary", "committee", "admin"]:
        sign_in(client, user_for(world, role))
        for name, args, _expected, method in cases(world):
            if name == "logout":
                continue
            response = getattr(client, method)(reverse(name, args=args))
            if response.status_code == 200:
                seen.setdefault(name, response.get("Content-Type", ""))
            header = response.get("Cache-Control", "")
            if name in KEPT_PRIVATE and response.status_code == 200:
                ok = header == KEPT_PRIVATE[name]
            else:
                ok = {"private", "no-store"} <= _directives(header)
            if not ok:
                wrong.append(f"{role} {method.upper()} {name} ({response.status_code}): {header!r}")
    assert not wrong, "\n".join(wrong)
    for name, kind in KINDS.items():
        assert kind in seen.get(name, ""), f"{name} was not downloaded as {kind}"
