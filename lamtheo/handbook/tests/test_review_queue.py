"""The secretary's queue: what waits for her, oldest first, "next" after each decision; nobody
reviews their own work (her records go to the deputy, or to the committee above)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lamtheo.campaign.models import Manifestation
from lamtheo.core.errors import DomainError
from lamtheo.handbook import services
from lamtheo.handbook.models import EntryStatus, Rating
from lamtheo.handbook.selectors import review_queue
from lamtheo.handbook.tests.helpers import SLUG_THIS_MONTH, THIS_MONTH, registered
from lamtheo.orgs.models import RoleKind
from lamtheo.orgs.services import role_grant
from lamtheo.pledges.models import Pledge, PledgeStatus
from lamtheo.tests.helpers import fill, make_person, make_user


def submitted_month(tree, person=None):
    person = person or tree.member
    registered(tree, person=person, user=person.user)
    return fill(person, THIS_MONTH)


def review_url(person) -> str:
    return reverse("handbook:review", args=[person.pk, SLUG_THIS_MONTH])


def deputy_of(cell):
    deputy = make_person("DV010", "Ngô Thị Phó", cell)
    role_grant(actor=None, user=deputy.user, unit=cell, kind=RoleKind.DEPUTY)
    return deputy


def org_secretary(tree):
    user = make_user("bithudangbo", "Đinh Văn Ủy")
    role_grant(actor=None, user=user, unit=tree.org, kind=RoleKind.SECRETARY)
    return user


def test_a_secretary_cannot_review_her_own_month(tree, login):
    entry = submitted_month(tree, tree.secretary)
    client = login(tree.secretary_user)
    assert client.get(review_url(tree.secretary)).status_code == 404
    data = {"action": "review", "review_rating": Rating.GOOD, "version": entry.version}
    assert client.post(review_url(tree.secretary), data).status_code == 404
    with pytest.raises(DomainError, match="không tự nhận xét"):
        services.entry_review(
            actor=tree.secretary_user, entry=entry, comment="", rating=Rating.GOOD, version=1
        )
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED


def test_a_secretary_cannot_decide_her_own_registration(tree, login):
    deputy = deputy_of(tree.cell)
    pledge = registered(tree, person=tree.secretary, user=tree.secretary_user)
    client = login(tree.secretary_user)
    url = reverse("pledges:review", args=[pledge.pk])
    page = client.get(url).content.decode()
    assert 'value="accept"' not in page
    assert f"chờ {deputy.full_name} xem xét" in page
    data = {"action": "accept", "confirmed": "1", "comment": "", "version": pledge.version}
    assert client.post(url, data).status_code == 404
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.SUBMITTED


def test_her_records_wait_for_the_deputy_not_for_her(tree):
    deputy = deputy_of(tree.cell)
    submitted_month(tree, tree.secretary)
    mine = review_queue(tree.secretary_user)
    assert [i.person for i in mine] == []
    waiting = review_queue(deputy.user)
    assert [(i.kind, i.person) for i in waiting] == [
        ("pledge", tree.secretary),
        ("entry", tree.secretary),
    ]


def test_without_a_deputy_her_records_go_to_the_committee_above(tree, login):
    above = org_secretary(tree)
    submitted_month(tree, tree.secretary)
    submitted_month(tree, tree.member)  # the member's: the cell's own secretary reviews
    waiting = review_queue(above)
    assert {(i.kind, i.person) for i in waiting} == {
        ("pledge", tree.secretary),
        ("entry", tree.secretary),
    }
    assert {i.person for i in review_queue(tree.secretary_user)} == {tree.member}
    page = login(above).get(reverse("handbook:queue")).content.decode()
    assert tree.secretary.full_name in page and tree.member.full_name not in page


def test_the_queue_lists_the_oldest_first(tree, login):
    submitted_month(tree, tree.member)
    submitted_month(tree, tree.secretary)
    deputy = deputy_of(tree.cell)
    items = review_queue(deputy.user)
    times = [i.submitted_at for i in items]
    assert times == sorted(times)
    page = login(deputy.user).get(reverse("handbook:queue")).content.decode()
    first = page.index(f"Bản đăng ký năm {THIS_MONTH.year} – {tree.member.full_name}")
    assert first < page.index(f"Sổ tay tháng {THIS_MONTH:%m/%Y} – {tree.secretary.full_name}")


def test_each_review_leads_to_the_next_then_back_to_the_queue(tree, login):
    pledge = registered(tree)
    pledge.refresh_from_db()
    client = login(tree.secretary_user)
    accept = {"action": "accept", "confirmed": "1", "comment": "", "version": pledge.version}
    r = client.post(reverse("pledges:review", args=[pledge.pk]), accept, follow=True)
    assert r.redirect_chain[0][0] == reverse("handbook:queue_next")
    entry = fill(tree.member, THIS_MONTH)
    r = client.get(reverse("handbook:queue_next"), follow=True)
    assert r.redirect_chain == [(review_url(tree.member), 302)]
    assert f"Tiếp theo: sổ tay tháng {THIS_MONTH:%m/%Y} của {tree.member.full_name}" in (
        r.content.decode()
    )
    data = {"action": "review", "review_rating": Rating.GOOD, "version": entry.version}
    r = client.post(review_url(tree.member), data, follow=True)
    assert [u for u, _ in r.redirect_chain] == [
        reverse("handbook:queue_next"),
        reverse("handbook:queue"),
    ]
    assert "Đã xem xét hết" in r.content.decode()


def test_accepting_a_registration_asks_for_confirmation_first(tree, login):
    pledge = registered(tree)
    pledge.refresh_from_db()
    client = login(tree.secretary_user)
    url = reverse("pledges:review", args=[pledge.pk])
    data = {"action": "accept", "comment": "Cụ thể, rõ ràng", "version": pledge.version}
    r = client.post(url, data)
    assert r.status_code == 200
    assert "Xác nhận thông qua" in r.content.decode()
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.SUBMITTED
    r = client.post(url, data | {"confirmed": "1"})
    assert r.status_code == 302
    accepted = Pledge.objects.get(pk=pledge.pk)
    assert accepted.status == PledgeStatus.ACCEPTED
    assert accepted.decision_comment == "Cụ thể, rõ ràng"


def test_the_review_page_shows_the_self_check_to_the_own_cells_secretary_only(tree, login):
    registered(tree)
    mark = Manifestation.objects.order_by("pk").first()
    services.selfcheck_save(
        actor=tree.member_user,
        person=tree.member,
        month=THIS_MONTH,
        manifestation_ids=[mark.pk],
        correction="Sẽ đọc kỹ văn bản trước khi trình.",
        version=0,
    )
    fill(tree.member, THIS_MONTH)
    own = login(tree.secretary_user).get(review_url(tree.member)).content.decode()
    assert "Tự soi, tự sửa theo 27 biểu hiện" in own and mark.label in own
    assert "Sẽ đọc kỹ văn bản trước khi trình." in own
    above = login(org_secretary(tree)).get(review_url(tree.member))
    assert above.status_code == 200  # the committee above may review, not read the self-check
    assert "Sẽ đọc kỹ văn bản" not in above.content.decode()
    assert mark.label not in above.content.decode()


def test_her_own_month_page_says_who_reviews_it(tree, login):
    above = org_secretary(tree)
    submitted_month(tree, tree.secretary)
    url = reverse("handbook:month", args=[tree.secretary.pk, SLUG_THIS_MONTH])
    html = login(tree.secretary_user).get(url).content.decode()
    assert f"Chờ {above.get_full_name()} nhận xét." in html
    deputy = deputy_of(tree.cell)
    html = login(tree.secretary_user).get(url).content.decode()
    assert f"Chờ {deputy.full_name} nhận xét." in html
