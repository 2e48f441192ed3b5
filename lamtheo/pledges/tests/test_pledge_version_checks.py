"""Every registration form refuses a page that is not the current one: a missing, empty,
malformed or stale version is answered with "the page is out of date" and nothing is saved,
including the first save of a registration that did not exist when the page was built."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from lamtheo.pledges import services
from lamtheo.pledges.models import Pledge, PledgeItem
from lamtheo.tests.helpers import sign_in

YEAR = date.today().year
OUT_OF_DATE = "tải lại trang"
# Missing, empty, malformed, negative, beyond any integer: a form error, never a 500.
MALFORMED = [None, "", "abc", "1.5", "-1", "99999999999999999999"]


def snapshot() -> list:
    return [
        list(Pledge.objects.order_by("pk").values()),
        list(PledgeItem.objects.order_by("pk").values()),
    ]


def client_of(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def items(tree, texts, version) -> dict:
    data = {"items-TOTAL_FORMS": str(len(texts)), "items-INITIAL_FORMS": "0", "save": "1"}
    if version is not None:
        data["version"] = version
    for n, text in enumerate(texts):
        data |= {
            f"items-{n}-area": tree.areas[n % 3].pk,
            f"items-{n}-text": text,
            f"items-{n}-target": "",
            f"items-{n}-timeframe": "",
        }
    return data


def draft(tree) -> Pledge:
    pledge = services.pledge_start(actor=tree.member_user, person=tree.member, year=YEAR)
    services.pledge_save_items(
        actor=tree.member_user,
        pledge=pledge,
        version=pledge.version,
        items=[services.ItemInput(area=tree.areas[0], text="Tiếp dân 4 buổi mỗi tháng")],
    )
    return pledge


def assert_refused(response, before) -> None:
    assert response.status_code == 200
    assert OUT_OF_DATE in response.content.decode()
    assert snapshot() == before


def edit_url() -> str:
    return reverse("pledges:edit", args=[YEAR])


@pytest.mark.parametrize("version", MALFORMED)
def test_a_missing_or_malformed_version_starts_no_registration(tree, version):
    response = client_of(tree.member_user).post(edit_url(), items(tree, ["Ghi đè"], version))
    assert_refused(response, [[], []])


@pytest.mark.parametrize("version", [*MALFORMED, "0", "stale"])
def test_editing_refuses_a_missing_malformed_or_stale_version(tree, version):
    pledge = draft(tree)
    if version == "stale":
        version = pledge.version - 1
    before = snapshot()
    response = client_of(tree.member_user).post(edit_url(), items(tree, ["Ghi đè"], version))
    assert_refused(response, before)


def test_the_first_save_with_version_0_starts_the_registration(tree):
    response = client_of(tree.member_user).post(edit_url(), items(tree, ["Làm 1 việc"], 0))
    assert response.status_code == 302
    assert PledgeItem.objects.get().text == "Làm 1 việc"


def test_two_pages_creating_the_same_registration_the_second_is_refused(tree):
    page_a, page_b = client_of(tree.member_user), client_of(tree.member_user)
    seen = [
        re.search(r'name="version" value="(\d+)"', p.get(edit_url()).content.decode())[1]
        for p in (page_a, page_b)
    ]
    assert seen == ["0", "0"]
    assert page_a.post(edit_url(), items(tree, ["Việc của trang A"], seen[0])).status_code == 302
    before = snapshot()
    assert_refused(page_b.post(edit_url(), items(tree, ["Việc của trang B"], seen[1])), before)
    assert list(PledgeItem.objects.values_list("text", flat=True)) == ["Việc của trang A"]


def test_a_refused_page_keeps_the_version_it_saw(tree):
    """Saving again from the refused page is refused again: only a reload brings it up to date."""
    pledge = draft(tree)
    client = client_of(tree.member_user)
    stale = str(pledge.version - 1)
    html = client.post(edit_url(), items(tree, ["Ghi đè"], stale)).content.decode()
    assert re.search(r'name="version" value="(\d+)"', html)[1] == stale


@pytest.mark.parametrize("version", [*MALFORMED, "0", "stale"])
def test_submitting_refuses_a_missing_malformed_or_stale_version(tree, version):
    pledge = draft(tree)
    if version == "stale":
        version = pledge.version - 1
    data = {"confirm_vague": "1"} | ({} if version is None else {"version": version})
    before = snapshot()
    response = client_of(tree.member_user).post(reverse("pledges:check", args=[YEAR]), data)
    assert_refused(response, before)


@pytest.mark.parametrize("version", [*MALFORMED, "0", "stale"])
def test_the_review_refuses_a_missing_malformed_or_stale_version(tree, version):
    pledge = draft(tree)
    services.pledge_submit(actor=tree.member_user, pledge=pledge, version=pledge.version)
    if version == "stale":
        version = pledge.version - 1
    data = {"action": "accept", "comment": ""} | ({} if version is None else {"version": version})
    before = snapshot()
    response = client_of(tree.secretary_user).post(
        reverse("pledges:review", args=[pledge.pk]), data
    )
    assert_refused(response, before)


def test_a_refused_first_save_starts_nothing_and_the_corrected_save_goes_through(tree):
    client = client_of(tree.member_user)
    refused = client.post(edit_url(), items(tree, [""], "0"))
    assert refused.status_code == 200 and "ít nhất một việc" in refused.content.decode()
    assert not Pledge.objects.exists()
    assert client.post(edit_url(), items(tree, ["Làm 1 việc"], "0")).status_code == 302
    assert PledgeItem.objects.get().text == "Làm 1 việc"
