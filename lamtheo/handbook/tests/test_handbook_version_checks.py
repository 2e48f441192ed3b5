"""Every handbook form refuses a page that is not the current one: a missing, empty,
malformed or stale version is answered with "the page is out of date" and nothing is saved,
including the first save of a month whose entry did not exist when the page was built."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from lamtheo.campaign.models import Manifestation
from lamtheo.handbook import services
from lamtheo.handbook.models import EntryItem, HandbookEntry, Progress, Rating, SelfCheck
from lamtheo.handbook.tests.helpers import THIS_MONTH, filled, registered
from lamtheo.tests.helpers import sign_in

SLUG = f"{THIS_MONTH:%Y-%m}"
OUT_OF_DATE = "tải lại trang"
MEMBER_NOTE = "Đã giải quyết 42 hồ sơ, không hồ sơ nào trễ hạn."
# Missing, empty, malformed, negative, beyond any integer: a form error, never a 500.
MALFORMED = [None, "", "abc", "1.5", "-1", "99999999999999999999"]


def snapshot() -> list:
    return [
        list(HandbookEntry.objects.order_by("pk").values()),
        list(EntryItem.objects.order_by("pk").values()),
        list(SelfCheck.objects.order_by("pk").values()),
    ]


def client_of(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def seen_version(html: str) -> str:
    return re.search(r'name="version" value="(\d+)"', html)[1]


def with_version(data: dict, version) -> dict:
    return data if version is None else data | {"version": version}


def assert_refused(response, before) -> None:
    assert response.status_code == 200
    assert OUT_OF_DATE in response.content.decode()
    assert snapshot() == before


def item_post(tree, entry_or_pledge):
    item = entry_or_pledge.items.order_by("pk").first()
    url = reverse("handbook:item", args=[tree.member.pk, SLUG, item.pk])
    return url, {"progress": Progress.DONE, "note": "Ghi đè"}


def self_post(tree):
    url = reverse("handbook:self", args=[tree.member.pk, SLUG])
    return url, {"self_assessment": "Ghi đè", "self_rating": Rating.DONE}


@pytest.mark.parametrize("version", MALFORMED)
@pytest.mark.parametrize("form", ["item", "self"])
def test_a_missing_or_malformed_version_is_refused_on_an_existing_month(tree, form, version):
    registered(tree)
    entry = filled(tree)
    url, data = item_post(tree, entry.pledge) if form == "item" else self_post(tree)
    before = snapshot()
    assert_refused(client_of(tree.member_user).post(url, with_version(data, version)), before)


@pytest.mark.parametrize("version", MALFORMED)
@pytest.mark.parametrize("form", ["item", "self"])
def test_a_missing_or_malformed_version_starts_no_month(tree, form, version):
    pledge = registered(tree)
    url, data = item_post(tree, pledge) if form == "item" else self_post(tree)
    before = snapshot()
    assert_refused(client_of(tree.member_user).post(url, with_version(data, version)), before)
    assert not HandbookEntry.objects.exists()


@pytest.mark.parametrize("form", ["item", "self"])
def test_a_stale_version_is_refused(tree, form):
    registered(tree)
    entry = filled(tree)
    url, data = item_post(tree, entry.pledge) if form == "item" else self_post(tree)
    before = snapshot()
    for version in (0, entry.version - 1, entry.version + 1):
        response = client_of(tree.member_user).post(url, data | {"version": version})
        assert_refused(response, before)


@pytest.mark.parametrize("b_form", ["item", "self"])
def test_two_people_creating_the_same_month_the_second_is_refused(tree, b_form):
    """The member and the secretary both open the month before it exists; the member saves
    a note; the secretary's save is refused and the member's note is intact."""
    pledge = registered(tree)
    item = pledge.items.order_by("pk").first()
    member, secretary = client_of(tree.member_user), client_of(tree.secretary_user)
    item_url = reverse("handbook:item", args=[tree.member.pk, SLUG, item.pk])
    b_url, b_data = item_post(tree, pledge) if b_form == "item" else self_post(tree)
    seen_by_a = seen_version(member.get(item_url).content.decode())
    seen_by_b = seen_version(secretary.get(b_url).content.decode())
    assert seen_by_a == seen_by_b == "0"

    saved = member.post(
        item_url, {"progress": Progress.IN_PROGRESS, "note": MEMBER_NOTE, "version": seen_by_a}
    )
    assert saved.status_code == 302
    before = snapshot()
    assert_refused(secretary.post(b_url, b_data | {"version": seen_by_b}), before)
    result = EntryItem.objects.get(item=item)
    assert (result.note, result.progress) == (MEMBER_NOTE, Progress.IN_PROGRESS)
    assert HandbookEntry.objects.get().self_assessment == ""


def test_the_first_save_of_a_new_month_with_version_0_is_accepted(tree):
    pledge = registered(tree)
    url, data = item_post(tree, pledge)
    response = client_of(tree.member_user).post(url, data | {"version": 0})
    assert response.status_code == 302
    assert EntryItem.objects.get().note == "Ghi đè"


@pytest.mark.parametrize("version", [*MALFORMED, "0", "stale"])
def test_submitting_refuses_a_missing_malformed_or_stale_version(tree, version):
    registered(tree)
    entry = filled(tree)
    if version == "stale":
        version = entry.version - 1
    url = reverse("handbook:check", args=[tree.member.pk, SLUG])
    before = snapshot()
    assert_refused(client_of(tree.member_user).post(url, with_version({}, version)), before)


@pytest.mark.parametrize("version", [*MALFORMED, "0", "stale"])
def test_the_review_refuses_a_missing_malformed_or_stale_version(tree, version):
    registered(tree)
    entry = filled(tree)
    services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)
    if version == "stale":
        version = entry.version - 1
    url = reverse("handbook:review", args=[tree.member.pk, SLUG])
    data = {"action": "review", "review_comment": "Tốt", "review_rating": Rating.GOOD}
    before = snapshot()
    assert_refused(client_of(tree.secretary_user).post(url, with_version(data, version)), before)


@pytest.mark.parametrize("version", [*MALFORMED, "1"])
def test_the_self_check_refuses_a_missing_or_malformed_version_or_one_for_no_record(tree, version):
    registered(tree)
    url = reverse("handbook:selfcheck", args=[tree.member.pk, SLUG])
    data = {"manifestations": [Manifestation.objects.first().pk], "correction": "Sửa"}
    before = snapshot()
    assert_refused(client_of(tree.member_user).post(url, with_version(data, version)), before)


def test_the_self_check_written_meanwhile_on_another_page_is_not_replaced(tree):
    registered(tree)
    url = reverse("handbook:selfcheck", args=[tree.member.pk, SLUG])
    page_a, page_b = client_of(tree.member_user), client_of(tree.member_user)
    seen_a = seen_version(page_a.get(url).content.decode())
    seen_b = seen_version(page_b.get(url).content.decode())
    first = {"manifestations": [], "correction": "Lần đầu", "version": seen_a}
    assert page_a.post(url, first).status_code == 302
    before = snapshot()
    second = {"manifestations": [], "correction": "Ghi đè", "version": seen_b}
    assert_refused(page_b.post(url, second), before)
    assert SelfCheck.objects.get().correction == "Lần đầu"
