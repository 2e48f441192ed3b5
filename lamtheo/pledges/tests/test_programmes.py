"""Public action programmes of key leaders: who publishes what, who reads it."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lamtheo.core.errors import DomainError
from lamtheo.orgs.models import RoleKind
from lamtheo.orgs.services import role_grant
from lamtheo.pledges import services
from lamtheo.pledges.models import Publication
from lamtheo.pledges.selectors import programme_units_for, published_programmes

YEAR = timezone.localdate().year


def _pledge(tree, person, accept=True):
    p = services.pledge_start(actor=person.user, person=person, year=YEAR)
    services.pledge_save_items(
        actor=person.user,
        pledge=p,
        version=p.version,
        items=[
            services.ItemInput(
                area=tree.areas[0],
                text="Giải quyết 100% hồ sơ đúng hạn",
                target="100% hồ sơ",
                timeframe="Hằng tháng",
            )
        ],
    )
    services.pledge_submit(actor=person.user, pledge=p, version=p.version)
    if accept:
        services.pledge_accept(actor=tree.secretary_user, pledge=p, version=p.version)
    p.refresh_from_db()
    return p


def test_a_committee_member_publishes_an_accepted_programme_with_an_audit_trail(tree):
    p = _pledge(tree, tree.member)
    pub = services.programme_publish(actor=tree.committee_user, unit=tree.org, pledge=p)
    assert pub.is_published and pub.published_by == tree.committee_user
    assert published_programmes(tree.org, YEAR) == [pub]
    services.programme_unpublish(actor=tree.committee_user, publication=pub)
    assert published_programmes(tree.org, YEAR) == []
    reasons = [h.history_change_reason for h in pub.history.order_by("history_date")]
    assert reasons == ["Công khai chương trình hành động", "Thôi công khai chương trình hành động"]
    assert all(h.history_user == tree.committee_user for h in pub.history.all())


def test_it_refuses_a_registration_not_yet_accepted(tree):
    p = _pledge(tree, tree.member, accept=False)
    with pytest.raises(DomainError, match="đã được chi bộ thông qua"):
        services.programme_publish(actor=tree.committee_user, unit=tree.org, pledge=p)


def test_it_refuses_a_person_outside_the_unit_without_a_role_on_it(tree):
    from lamtheo.people.models import Person

    other = Person.objects.get(code="DV005")  # Chi bộ cơ sở B
    p = _pledge(tree, other)
    with pytest.raises(DomainError, match="không giữ chức vụ"):
        services.programme_publish(actor=tree.committee_user, unit=tree.org, pledge=p)


def test_a_leader_holding_a_role_on_the_unit_may_be_published_there(tree):
    from lamtheo.people.models import Person

    leader = Person.objects.get(code="DV005")  # belongs to Chi bộ cơ sở B
    role_grant(actor=None, user=leader.user, unit=tree.org, kind=RoleKind.COMMITTEE)
    p = _pledge(tree, leader)
    assert services.programme_publish(actor=tree.committee_user, unit=tree.org, pledge=p)


def test_a_leader_whose_role_has_ended_is_no_longer_published_there(tree):
    from lamtheo.orgs.services import role_end
    from lamtheo.people.models import Person
    from lamtheo.pledges.selectors import leaders_of

    leader = Person.objects.get(code="DV005")  # belongs to Chi bộ cơ sở B
    role = role_grant(actor=None, user=leader.user, unit=tree.org, kind=RoleKind.COMMITTEE)
    p = _pledge(tree, leader)
    role_end(actor=None, role=role, end_date=timezone.localdate(), reason="Hết nhiệm kỳ")
    assert leader not in [person for person, _, _ in leaders_of(tree.org, YEAR)]
    with pytest.raises(DomainError, match="không giữ chức vụ"):
        services.programme_publish(actor=tree.committee_user, unit=tree.org, pledge=p)


def test_only_secretaries_deputies_and_committee_members_may_publish(tree):
    p = _pledge(tree, tree.member)
    for actor in (
        tree.propaganda_user,
        tree.admin_user,
        tree.member_user,
        tree.secretary_user,
    ):  # the cell's secretary has no role on the đảng bộ
        with pytest.raises(DomainError, match="không có quyền"):
            services.programme_publish(actor=actor, unit=tree.org, pledge=p)
    assert services.programme_publish(actor=tree.secretary_user, unit=tree.cell, pledge=p)


def test_it_refuses_publishing_twice_and_republishes_after_a_withdrawal(tree):
    p = _pledge(tree, tree.member)
    pub = services.programme_publish(actor=tree.committee_user, unit=tree.org, pledge=p)
    with pytest.raises(DomainError, match="đã được công khai"):
        services.programme_publish(actor=tree.committee_user, unit=tree.org, pledge=p)
    services.programme_unpublish(actor=tree.committee_user, publication=pub)
    with pytest.raises(DomainError, match="đã thôi công khai"):
        services.programme_unpublish(actor=tree.committee_user, publication=pub)
    again = services.programme_publish(actor=tree.committee_user, unit=tree.org, pledge=p)
    assert again.pk == pub.pk and Publication.objects.count() == 1


def test_a_programme_returned_after_publication_drops_off_the_page(tree):
    p = _pledge(tree, tree.member)
    services.programme_publish(actor=tree.committee_user, unit=tree.org, pledge=p)
    services.pledge_return(
        actor=tree.secretary_user, pledge=p, version=p.version, comment="Cần ghi rõ hơn"
    )
    assert published_programmes(tree.org, YEAR) == []


def test_the_page_lists_name_duty_items_measure_and_deadline_to_the_subtree(tree, login):
    p = _pledge(tree, tree.member)
    services.programme_publish(actor=tree.committee_user, unit=tree.org, pledge=p)
    url = reverse("pledges:programmes", args=[tree.org.code])
    body = login(tree.outsider.user).get(url).content.decode()  # Chi bộ 2, same đảng bộ
    for text in (
        "Nguyễn Văn An",
        "Chuyên viên phòng Kế hoạch",
        "Giải quyết 100% hồ sơ đúng hạn",
        "100% hồ sơ",
        "Hằng tháng",
    ):
        assert text in body
    assert login(tree.other_secretary_user).get(url).status_code == 404


def test_the_published_programmes_download_as_a_spreadsheet_one_row_per_item(tree, login):
    p = _pledge(tree, tree.member)
    services.programme_publish(actor=tree.committee_user, unit=tree.org, pledge=p)
    url = reverse("pledges:programmes_export", args=[tree.org.code]) + f"?nam={YEAR}"
    response = login(tree.outsider.user).get(url)
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[3][:3] == ("STT", "Họ và tên", "Chức vụ, nhiệm vụ")
    assert rows[4][1] == "Nguyễn Văn An"
    assert rows[4][5:] == ("Giải quyết 100% hồ sơ đúng hạn", "100% hồ sơ", "Hằng tháng")
    assert len(rows) == 5
    assert login(tree.other_secretary_user).get(url).status_code == 404


def test_members_find_the_programmes_from_their_home_page(tree, login):
    p = _pledge(tree, tree.member)
    services.programme_publish(actor=tree.committee_user, unit=tree.org, pledge=p)
    client = login(tree.outsider.user)
    home = client.get(reverse("home:home")).content.decode()
    assert reverse("pledges:programmes_index") in home
    assert "Chương trình hành động của lãnh đạo" in home
    assert [u.code for u, n in programme_units_for(tree.outsider.user, YEAR)] == ["DBSA"]
    index = client.get(reverse("pledges:programmes_index")).content.decode()
    assert reverse("pledges:programmes", args=["DBSA"]) in index
    assert programme_units_for(tree.other_secretary_user, YEAR) == []


def test_publishing_through_the_page_and_the_audit_trail_on_the_manage_page(tree, login):
    p = _pledge(tree, tree.member)
    client = login(tree.committee_user)
    manage = reverse("pledges:programmes_manage", args=[tree.org.code])
    found = client.get(manage, {"q": "nguyen van an"}).content.decode()
    assert "Nguyễn Văn An" in found
    response = client.post(
        reverse("pledges:programme_publish", args=[tree.org.code]), {"pledge": p.pk}
    )
    assert response.status_code == 302
    pub = Publication.objects.get()
    client.post(reverse("pledges:programme_unpublish", args=[tree.org.code, pub.pk]))
    body = client.get(manage).content.decode()
    assert "Thôi công khai chương trình hành động" in body
    assert "Hoàng Văn Em" in body  # who did it


def test_the_page_costs_the_same_queries_for_one_or_many_programmes(
    tree, login, django_assert_max_num_queries
):
    from lamtheo.tests.helpers import make_person

    client = login(tree.outsider.user)
    url = reverse("pledges:programmes", args=[tree.org.code])
    for i in range(5):
        person = make_person(f"L{i:03}", f"Lãnh Đạo {i}", tree.cell)
        services.programme_publish(
            actor=tree.committee_user, unit=tree.org, pledge=_pledge(tree, person)
        )
    with django_assert_max_num_queries(12):
        body = client.get(url).content.decode()
    assert body.count('<article class="panel">') == 5
