"""The place name before the date of a unit's documents: set by the administrator of the
unit (or of a unit above), inherited down the tree, audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lamtheo.core.errors import DomainError
from lamtheo.orgs.actions import OrgAction
from lamtheo.orgs.models import UnitSettings
from lamtheo.orgs.selectors import Place, document_place
from lamtheo.orgs.services import unit_settings_save


def test_a_place_set_on_a_unit_is_used_by_every_unit_below_that_sets_none(tree, settings):
    settings.LAMTHEO = settings.LAMTHEO | {"DOCUMENT_PLACE": "Hà Nội"}
    assert document_place(tree.cell) == Place("Hà Nội", None)
    unit_settings_save(actor=tree.admin_user, unit=tree.bloc, document_place="  Nha   Trang ")
    assert document_place(tree.cell).name == "Nha Trang"
    assert document_place(tree.cell).unit == tree.bloc
    unit_settings_save(actor=tree.admin_user, unit=tree.org, document_place="Cam Ranh")
    assert document_place(tree.cell) == Place("Cam Ranh", tree.org)
    assert document_place(tree.bloc).name == "Nha Trang"
    unit_settings_save(actor=tree.admin_user, unit=tree.org, document_place="")
    assert document_place(tree.cell).name == "Nha Trang"  # back to the unit above


def test_each_change_is_recorded_with_who_and_why(tree):
    unit_settings_save(actor=tree.admin_user, unit=tree.org, document_place="Nha Trang")
    unit_settings_save(actor=tree.admin_user, unit=tree.org, document_place="Nha Trang")
    unit_settings_save(actor=tree.admin_user, unit=tree.org, document_place="Cam Ranh")
    rows = UnitSettings.history.filter(unit=tree.org).order_by("history_date")
    assert [r.document_place for r in rows] == ["Nha Trang", "Cam Ranh"]  # no empty change
    assert {r.history_user for r in rows} == {tree.admin_user}
    assert {r.history_action for r in rows} == {OrgAction.SETTINGS_CHANGED}


@pytest.mark.parametrize("place", ["Nha Trang, ngày 5", "12345", "x" * 101])
def test_a_place_that_is_not_a_place_name_is_refused(tree, place):
    with pytest.raises(DomainError):
        unit_settings_save(actor=tree.admin_user, unit=tree.org, document_place=place)
    assert not UnitSettings.objects.exists()


def test_only_the_administrator_sets_it(tree):
    for user in (tree.secretary_user, tree.committee_user, tree.propaganda_user):
        with pytest.raises(DomainError):
            unit_settings_save(actor=user, unit=tree.org, document_place="Nha Trang")


def test_the_administrator_sets_the_place_on_the_settings_page(tree, login):
    client = login(tree.admin_user)
    url = reverse("units:settings", args=[tree.org.code])
    page = client.get(url).content.decode()
    assert "Địa danh ghi trước ngày tháng trên văn bản" in page
    response = client.post(url, {"document_place": "Nha Trang"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Đã lưu cài đặt của đơn vị." in page and "Do đơn vị tự đặt." in page
    assert "<em>Nha Trang, ngày " in page and "Lịch sử thay đổi" in page
    cell_page = client.get(reverse("units:settings", args=[tree.cell.code])).content.decode()
    assert "Theo cài đặt của Đảng bộ Sở A." in cell_page
    page = client.post(url, {"document_place": "Nha Trang, ngày 5"}).content.decode()
    assert "error-summary" in page and "không có dấu phẩy" in page
    dashboard = client.get(reverse("dashboard:unit", args=[tree.org.code])).content.decode()
    assert url in dashboard
