"""The private self-check: who may write it, who may read it (selectors and URLs)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from lamtheo.campaign.models import Manifestation
from lamtheo.core.errors import DomainError, StaleRecord
from lamtheo.core.periods import add_months, month_start
from lamtheo.handbook import services
from lamtheo.handbook.models import SelfCheck, SelfCheckMark
from lamtheo.handbook.selectors import selfcheck_history, selfcheck_of, selfcheck_visible
from lamtheo.orgs.models import RoleKind
from lamtheo.orgs.services import role_grant
from lamtheo.tests.helpers import make_user

MONTH = month_start(date.today())
SLUG = f"{MONTH:%Y-%m}"
SECRET = "Tôi còn ngại đấu tranh trong họp chi bộ"


def _ids(*codes: str) -> list[int]:
    return [Manifestation.objects.get(group=c[0], number=int(c[1:])).pk for c in codes]


def _save(tree, codes=("a3", "b2"), correction=SECRET, version=0, actor=None, month=MONTH):
    return services.selfcheck_save(
        actor=actor or tree.member_user,
        person=tree.member,
        month=month,
        manifestation_ids=_ids(*codes),
        correction=correction,
        version=version,
    )


def _pledge(tree):
    from lamtheo.pledges import services as pledges

    p = pledges.pledge_start(actor=tree.member_user, person=tree.member, year=MONTH.year)
    pledges.pledge_save_items(
        actor=tree.member_user,
        pledge=p,
        version=p.version,
        items=[pledges.ItemInput(area=tree.areas[0], text="Giải quyết hồ sơ đúng hạn")],
    )
    pledges.pledge_submit(actor=tree.member_user, pledge=p, version=p.version)
    return p


def _entry(tree, **kw):
    from lamtheo.handbook.models import HandbookEntry

    return HandbookEntry.objects.create(
        person=tree.member, month=MONTH, unit=tree.cell, pledge=_pledge(tree), **kw
    )


def _org_secretary(tree):
    user = make_user("bithu-dang-bo", "Đinh Văn Khoa")
    role_grant(actor=None, user=user, unit=tree.org, kind=RoleKind.SECRETARY)
    return user


def test_a_member_records_ticks_and_a_correction_with_an_audit_trail(tree):
    check = _save(tree)
    assert check.unit == tree.cell
    assert set(check.marks.values_list("manifestation_id", flat=True)) == set(_ids("a3", "b2"))
    _save(tree, codes=("a3", "c1"), version=check.version)
    assert set(check.marks.values_list("manifestation_id", flat=True)) == set(_ids("a3", "c1"))
    history = selfcheck_history(check)
    reasons = [c.reason for c in history]
    assert reasons.count("Đánh dấu biểu hiện") == 3 and "Bỏ đánh dấu biểu hiện" in reasons
    assert all(c.who == "Nguyễn Văn An" for c in history)


def test_nobody_else_may_write_a_persons_self_check(tree):
    for actor in (tree.secretary_user, tree.committee_user, tree.admin_user):
        with pytest.raises(DomainError, match="Chỉ chính đảng viên"):
            _save(tree, actor=actor)
    assert not SelfCheck.objects.exists()


def test_a_stale_version_is_refused(tree):
    check = _save(tree)
    _save(tree, version=check.version)
    with pytest.raises(StaleRecord):
        _save(tree, codes=("c9",), version=check.version)


def test_it_refuses_once_the_month_is_submitted(tree):
    from lamtheo.handbook.models import EntryStatus, HandbookEntry

    HandbookEntry.objects.create(
        person=tree.member, month=MONTH, unit=tree.cell, status=EntryStatus.SUBMITTED
    )
    with pytest.raises(DomainError, match="đã nộp"):
        _save(tree)


def test_it_refuses_an_unknown_manifestation_and_a_future_month(tree):
    with pytest.raises(DomainError, match="không có trong danh sách"):
        services.selfcheck_save(
            actor=tree.member_user,
            person=tree.member,
            month=MONTH,
            manifestation_ids=[999999],
            correction="",
            version=0,
        )
    with pytest.raises(DomainError, match="Chưa đến tháng"):
        _save(tree, month=add_months(MONTH, 1))


def test_only_the_person_and_their_own_cells_secretaries_may_read_it(tree):
    _save(tree)
    deputy = make_user("phobithu", "Ngô Thị Mai")
    role_grant(actor=None, user=deputy, unit=tree.cell, kind=RoleKind.DEPUTY)
    allowed = [tree.member_user, tree.secretary_user, deputy]
    refused = [
        tree.committee_user,
        tree.propaganda_user,
        tree.admin_user,
        tree.outsider.user,
        tree.other_secretary_user,
        _org_secretary(tree),
    ]
    for user in allowed:
        assert selfcheck_visible(user, tree.member, MONTH)
        assert selfcheck_of(user, tree.member, MONTH) is not None
    for user in refused:
        assert not selfcheck_visible(user, tree.member, MONTH)
        assert selfcheck_of(user, tree.member, MONTH) is None


def test_the_self_check_page_answers_404_to_everybody_else(tree, login):
    _save(tree)
    url = reverse("handbook:selfcheck", args=[tree.member.pk, SLUG])
    for user in (tree.member_user, tree.secretary_user):
        body = login(user).get(url).content.decode()
        assert SECRET in body and "Lịch sử thay đổi" in body
    for user in (
        tree.committee_user,
        tree.propaganda_user,
        tree.admin_user,
        tree.outsider.user,
        tree.other_secretary_user,
        _org_secretary(tree),
    ):
        assert login(user).get(url).status_code == 404


def test_the_secretary_reads_but_cannot_post(tree, login):
    _save(tree)
    url = reverse("handbook:selfcheck", args=[tree.member.pk, SLUG])
    response = login(tree.secretary_user).post(
        url, {"manifestations": _ids("c9"), "correction": "x", "version": 2}
    )
    assert response.status_code == 404
    assert SelfCheck.objects.get().correction == SECRET


def test_the_member_saves_through_the_page_and_returns_to_the_task_list(tree, login):
    _pledge(tree)
    client = login(tree.member_user)
    url = reverse("handbook:selfcheck", args=[tree.member.pk, SLUG])
    response = client.post(url, {"manifestations": _ids("b8"), "correction": SECRET, "version": 0})
    assert response.status_code == 302
    assert response.url == reverse("handbook:month", args=[tree.member.pk, SLUG])
    assert SelfCheckMark.objects.get().manifestation.code == "b8"
    task_list = client.get(response.url).content.decode()
    assert "Tự soi, tự sửa theo 27 biểu hiện" in task_list and "Đã ghi" in task_list


def test_the_month_page_shows_it_to_the_secretary_but_not_to_the_committee(tree, login):
    from lamtheo.handbook.models import EntryStatus

    _save(tree)
    _entry(tree, status=EntryStatus.SUBMITTED)
    url = reverse("handbook:month", args=[tree.member.pk, SLUG])
    assert SECRET in login(tree.secretary_user).get(url).content.decode()
    committee_page = login(tree.committee_user).get(url)
    assert committee_page.status_code == 200  # the committee may read the handbook month…
    body = committee_page.content.decode()
    assert SECRET not in body and "27 biểu hiện" not in body  # …but not the self-check


def test_the_check_page_shows_it_to_the_member(tree, login):
    _save(tree)
    _entry(tree)
    body = (
        login(tree.member_user)
        .get(reverse("handbook:check", args=[tree.member.pk, SLUG]))
        .content.decode()
    )
    assert SECRET in body


def test_the_check_page_hides_it_from_a_secretary_entering_on_behalf_from_above(tree, login):
    _save(tree)
    _entry(tree)
    response = login(_org_secretary(tree)).get(
        reverse("handbook:check", args=[tree.member.pk, SLUG])
    )
    assert response.status_code == 200  # may enter the handbook on the member's behalf…
    assert SECRET not in response.content.decode()  # …but not read the self-check


def test_the_secretary_opening_it_is_logged(tree, login):
    from lamtheo.core.models import RecordView

    _save(tree)
    login(tree.member_user).get(reverse("handbook:selfcheck", args=[tree.member.pk, SLUG]))
    assert not RecordView.objects.exists()
    login(tree.secretary_user).get(reverse("handbook:selfcheck", args=[tree.member.pk, SLUG]))
    view = RecordView.objects.get()
    assert (view.viewer, view.person) == (tree.secretary_user, tree.member)
