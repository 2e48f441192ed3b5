"""The secretary enters a paper handbook month on one page (items, self-assessment, check,
submit) and goes on to the next member without an account; the roster's cells lead there."""

from __future__ import annotations

from django.urls import reverse

from lamtheo.handbook.models import EntryItem, EntryStatus, HandbookEntry, Progress, Rating
from lamtheo.handbook.tests.helpers import SLUG_THIS_MONTH, THIS_MONTH, registered
from lamtheo.tests.helpers import make_person


def paper(tree, person=None):
    """A member without an account, registered (by the secretary, on paper)."""
    person = person or tree.proxy_member
    registered(tree, person=person, user=tree.secretary_user)
    return person


def enter_url(person) -> str:
    return reverse("handbook:enter", args=[person.pk, SLUG_THIS_MONTH])


def answers(person, action="submit", version=0, **extra) -> dict:
    pledge = person.pledges.get(year=THIS_MONTH.year)
    data = {
        "action": action,
        "version": version,
        "self_assessment": "Hoàn thành các việc đã đăng ký",
        "self_rating": Rating.GOOD,
        "checked": "on",
    }
    for item in pledge.items.all():
        data[f"progress_{item.pk}"] = Progress.DONE
        data[f"note_{item.pk}"] = "Theo sổ tay giấy"
    return data | extra


def test_a_paper_month_takes_two_page_loads_for_the_secretary(tree, login):
    person = paper(tree)
    client = login(tree.secretary_user)
    page = client.get(enter_url(person))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nhập thay sổ tay" in html and "Tự xếp loại" in html and "đối chiếu" in html
    r = client.post(enter_url(person), answers(person))
    assert r.status_code == 302
    entry = HandbookEntry.objects.get(person=person, month=THIS_MONTH)
    assert entry.status == EntryStatus.SUBMITTED and entry.self_rating == Rating.GOOD
    assert entry.entered_by == tree.secretary_user
    assert EntryItem.objects.filter(entry=entry, progress=Progress.DONE).count() == 2


def test_after_submitting_it_goes_to_the_next_member_on_paper_then_to_the_cell(tree, login):
    first = paper(tree)
    second = paper(tree, make_person("DV020", "Vương Văn Giấy", tree.cell, with_user=False))
    client = login(tree.secretary_user)
    r = client.post(enter_url(first), answers(first))
    assert r.url == enter_url(second)
    r = client.post(enter_url(second), answers(second))
    assert r.url == reverse("orgs:unit", args=[tree.cell.code])


def test_submitting_needs_every_item_and_the_check_against_the_paper(tree, login):
    person = paper(tree)
    client = login(tree.secretary_user)
    data = answers(person)
    del data["checked"]
    first_item = next(k for k in data if k.startswith("progress_"))
    del data[first_item]
    r = client.post(enter_url(person), data)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Vui lòng chọn kết quả thực hiện." in html
    assert "Vui lòng đối chiếu với sổ tay giấy trước khi nộp." in html
    assert not HandbookEntry.objects.filter(person=person).exists()


def test_a_draft_is_kept_and_shown_again(tree, login):
    person = paper(tree)
    client = login(tree.secretary_user)
    data = answers(person, action="save")
    del data["checked"]
    r = client.post(enter_url(person), data)
    assert r.url == enter_url(person)
    entry = HandbookEntry.objects.get(person=person)
    assert entry.status == EntryStatus.DRAFT
    html = client.get(enter_url(person)).content.decode()
    assert "Theo sổ tay giấy" in html and f'name="version" value="{entry.version}"' in html


def test_a_stale_page_is_refused(tree, login):
    person = paper(tree)
    client = login(tree.secretary_user)
    client.post(enter_url(person), answers(person, action="save"))
    r = client.post(enter_url(person), answers(person, version=0))
    assert r.status_code == 200 and "vừa được người khác thay đổi" in r.content.decode()
    assert HandbookEntry.objects.get(person=person).status == EntryStatus.DRAFT


def test_only_the_cells_secretary_enters_a_paper_month(tree, login):
    person = paper(tree)
    assert login(tree.committee_user).get(enter_url(person)).status_code == 404
    assert (
        login(tree.other_secretary_user).post(enter_url(person), answers(person)).status_code == 404
    )
    r = login(tree.member_user).get(
        reverse("handbook:enter", args=[tree.member.pk, SLUG_THIS_MONTH])
    )
    assert r.status_code == 302  # the member fills their own month page by page
    assert not HandbookEntry.objects.exists()


def test_the_roster_opens_the_paper_entry_for_a_member_without_an_account(tree, login):
    person = paper(tree)
    html = login(tree.secretary_user).get(reverse("orgs:unit", args=[tree.cell.code])).content
    assert enter_url(person) in html.decode()


def test_the_roster_links_the_secretarys_own_month_to_its_page_not_a_review(tree, login):
    from lamtheo.tests.helpers import fill

    registered(tree, person=tree.secretary, user=tree.secretary_user)
    fill(tree.secretary, THIS_MONTH)
    html = login(tree.secretary_user).get(reverse("orgs:unit", args=[tree.cell.code])).content
    own = reverse("handbook:review", args=[tree.secretary.pk, SLUG_THIS_MONTH])
    assert own not in html.decode()
    assert reverse("handbook:month", args=[tree.secretary.pk, SLUG_THIS_MONTH]) in html.decode()


def test_on_a_phone_every_earlier_month_is_a_short_link_on_the_card(tree, login):
    html = login(tree.secretary_user).get(reverse("orgs:unit", args=[tree.cell.code])).content
    html = html.decode()
    assert "handbook/roster.css" in html
    # every month of every person carries its short label for the card
    assert html.count('class="m-short"') == 3 * THIS_MONTH.month


def test_the_month_page_offers_the_one_page_entry_to_the_secretary_only(tree, login):
    person = paper(tree)
    url = reverse("handbook:month", args=[person.pk, SLUG_THIS_MONTH])
    assert enter_url(person) in login(tree.secretary_user).get(url).content.decode()
    registered(tree)
    own = reverse("handbook:month", args=[tree.member.pk, SLUG_THIS_MONTH])
    assert "nhap-thay" not in login(tree.member_user).get(own).content.decode()
