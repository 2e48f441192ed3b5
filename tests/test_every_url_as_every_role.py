"""Walk every URL of the app as every role and check the answer (ARCHITECTURE: one door).

Each case lists, per role, the status code expected. Anonymous visitors are sent to the
log-in page; anything outside a person's scope is a 404. A last test checks that every
named URL of the project appears here, so a new page cannot skip the walk.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lamtheo.core.periods import add_months, month_start
from lamtheo.handbook import services as handbook
from lamtheo.handbook.models import Progress, Rating
from lamtheo.pledges import services as pledges
from lamtheo.tests.helpers import sign_in
from lamtheo.tests.url_walk import (
    CELL_STATS,
    ORG_STATS,
    RECORDS,
    REVIEWERS,
    ROLES,
    Case,
    app_case_modules,
    expect,
)

THIS_MONTH = month_start(date.today())
MONTH = add_months(THIS_MONTH, -1)
SLUG = f"{MONTH:%Y-%m}"


def cases(w) -> list[Case]:
    """(url name, args, expected per role, method): the foundation's pages here, each later
    app's in its own tests/url_cases.py."""
    return _foundation_cases(w) + [c for module in app_case_modules() for c in module.cases(w)]


def _foundation_cases(w) -> list[Case]:
    m, y = w.member.pk, MONTH.year
    item = w.pledge.items.first().pk
    return [
        ("home:home", [], expect(200), "get"),
        ("core:notices", [], expect(200), "get"),
        ("core:notices", [], expect(302), "post"),
        ("login", [], {r: 200 for r in ROLES} | {r: 302 for r in ROLES[1:]}, "get"),
        ("pledges:mine", [y], expect(200, propaganda=404, admin=404, committee=404), "get"),
        (
            "pledges:edit",
            [y],
            expect(200, member=302, propaganda=404, admin=404, committee=404),
            "get",
        ),
        ("pledges:check", [y], expect(302, propaganda=404, admin=404, committee=404), "get"),
        (
            "pledges:done",
            [y],
            expect(302, member=200, propaganda=404, admin=404, committee=404),
            "get",
        ),
        ("pledges:review", [w.pledge.pk], RECORDS, "get"),
        ("pledges:quality", [], expect(200), "post"),
        ("handbook:month", [m, SLUG], RECORDS, "get"),
        ("handbook:item", [m, SLUG, item], expect(404, member=302, secretary=302), "get"),
        ("handbook:self", [m, SLUG], expect(404, member=302, secretary=302), "get"),
        ("handbook:check", [m, SLUG], expect(404, member=302, secretary=302), "get"),
        ("handbook:done", [m, SLUG], RECORDS, "get"),
        ("handbook:review", [m, SLUG], REVIEWERS, "get"),
        ("handbook:person_year", [m, y], RECORDS, "get"),
        ("orgs:unit", [w.cell.code], expect(404, secretary=200, committee=200), "get"),
        ("orgs:unit", [w.cell_b.code], expect(404, other_secretary=200), "get"),
        ("dashboard:home", [], expect(302, member=404, outsider=404), "get"),
        ("dashboard:unit", [w.org.code], ORG_STATS, "get"),
        ("dashboard:unit", [w.cell.code], CELL_STATS, "get"),
        ("dashboard:unit_export", [w.org.code], ORG_STATS, "get"),
        ("dashboard:chart", [w.org.code], ORG_STATS, "get"),
        ("dashboard:months", [w.org.code], ORG_STATS, "get"),
        ("dashboard:months_export", [w.cell.code], CELL_STATS, "get"),
        ("dashboard:listing", [w.org.code, "chua-nop"], ORG_STATS, "get"),
        ("dashboard:listing_export", [w.cell.code, "chua-dang-ky"], CELL_STATS, "get"),
        (
            "dashboard:remind",
            [w.cell.code, "chua-dang-ky"],
            expect(404, secretary=200, committee=200, propaganda=200, admin=200),
            "post",
        ),
        ("people:import", [], expect(404, admin=200), "get"),
        ("people:import_template", [], expect(404, admin=200), "get"),
        # A kept roster is found by its uploader only (its key is random).
        ("people:import_map", ["0" * 32], expect(404), "get"),
    ]


@pytest.fixture
def world(tree):
    user = tree.member_user
    p = pledges.pledge_start(actor=user, person=tree.member, year=MONTH.year)
    pledges.pledge_save_items(
        actor=user,
        pledge=p,
        version=p.version,
        items=[pledges.ItemInput(area=tree.areas[0], text="Giải quyết 100% hồ sơ đúng hạn")],
    )
    pledges.pledge_submit(actor=user, pledge=p, version=p.version)
    e = handbook.entry_start(actor=user, person=tree.member, month=MONTH)
    handbook.entry_save_item(
        actor=user,
        entry=e,
        item=p.items.first(),
        progress=Progress.DONE,
        note="",
        version=e.version,
    )
    handbook.entry_save_self(
        actor=user, entry=e, self_assessment="", self_rating=Rating.GOOD, version=e.version
    )
    handbook.entry_submit(actor=user, entry=e, version=e.version)
    tree.pledge = p
    for module in app_case_modules():
        if hasattr(module, "prepare"):
            module.prepare(tree)
    return tree


def user_for(world, role: str):
    return {
        "anonymous": None,
        "member": world.member_user,
        "secretary": world.secretary_user,
        "committee": world.committee_user,
        "propaganda": world.propaganda_user,
        "admin": world.admin_user,
        "outsider": world.outsider.user,
        "other_secretary": world.other_secretary_user,
    }[role]


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_as_expected_for_the_role(world, client, role):
    user = user_for(world, role)
    if user is not None:
        sign_in(client, user)
    wrong = []
    for name, args, expected, method in cases(world):
        url = reverse(name, args=args)
        response = getattr(client, method)(url)
        if response.status_code != expected[role]:
            wrong.append(
                f"{method.upper()} {url} ({name}): {response.status_code}, "
                f"expected {expected[role]}"
            )
        if role == "anonymous" and response.status_code == 302 and name != "login":
            assert response.url.startswith(reverse("login"))
        body = (
            response.content.decode()
            if response.get("Content-Type", "").startswith("text/html")
            else ""
        )
        if "<html" in body:  # a whole page, not an htmx fragment
            title = TITLE.search(body)
            if title is None or "<" in title.group(1) or not title.group(1).strip():
                wrong.append(f"{method.upper()} {url} ({name}): the <title> is not plain text")
    assert not wrong, "\n".join(wrong)


TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def _named_urls(resolver=None, namespace: str = "") -> set[str]:
    names = set()
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue  # Django's own admin: staff only, guarded by Django
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            names |= _named_urls(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(namespace + p.name)
    return names


def test_every_named_url_is_walked(world):
    walked = {name for name, *_ in cases(world)} | {"logout"}
    assert _named_urls() - walked == set()
