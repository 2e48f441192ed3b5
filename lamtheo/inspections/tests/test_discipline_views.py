"""The discipline pages as people use them: form → check → confirmation, posted twice made
once; who reads a named record (and that the read is logged); no-store on every page; the
authority table page; the counts and their export."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lamtheo.core.dates import format_date
from lamtheo.core.form_tokens import new_token
from lamtheo.core.models import Notice, RecordView
from lamtheo.inspections.discipline.actions import DisciplineAction
from lamtheo.inspections.discipline.models import (
    DisciplineForm,
    DisciplineRecord,
    Organ,
    RecordState,
)
from lamtheo.inspections.tests.discipline_helpers import recorded
from lamtheo.inspections.tests.helpers import today
from lamtheo.orgs.models import RoleKind
from lamtheo.orgs.services import role_grant
from lamtheo.people import services as people
from lamtheo.people.models import LeavingKind
from lamtheo.tests.helpers import make_user


def _post(tree, **overrides) -> dict:
    data = {
        "subject_kind": "member",
        "subject_code": tree.member.code,
        "organ": Organ.COMMISSION,
        "form": "warning",
        "decision_number": "09-QĐ/UBKT",
        "decision_date": format_date(today()),
        "effective_from": format_date(today()),
        "reason": "Không thực hiện bản đăng ký đã cam kết.",
        "inspection": "",
        "effective_to": "",
        "form_token": new_token(),
    }
    return data | overrides


def test_a_decision_goes_through_the_check_page_and_a_double_click_records_it_once(
    tree, client, login
):
    login(tree.committee_user)
    url = reverse("inspections:discipline_new", args=[tree.org.code])
    data = _post(tree)
    check = client.post(url, data)
    assert check.status_code == 200
    assert "Kiểm tra trước khi ghi quyết định" in check.content.decode()
    assert not DisciplineRecord.objects.exists()
    first = client.post(url, data | {"confirmed": "1"})
    again = client.post(url, data | {"confirmed": "1"})
    record = DisciplineRecord.objects.get()
    assert first.url == again.url == reverse("inspections:discipline_record", args=[record.pk])
    page = client.get(first.url).content.decode()
    assert "đã được thông báo" in page  # the confirmation says what happens next
    assert Notice.objects.filter(user=tree.member_user).count() == 1


def test_a_form_beyond_the_body_s_authority_is_refused_on_the_form(tree, client, login):
    login(tree.secretary_user)
    url = reverse("inspections:discipline_new", args=[tree.cell.code])
    answer = client.post(url, _post(tree, organ=Organ.CELL, form="expulsion"))
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "không có thẩm quyền quyết định hình thức “khai trừ”" in page
    assert "error-summary" in page
    assert not DisciplineRecord.objects.exists()


def test_a_member_outside_the_unit_is_not_found_by_code(tree, client, login):
    login(tree.secretary_user)
    url = reverse("inspections:discipline_new", args=[tree.cell.code])
    page = client.post(url, _post(tree, organ=Organ.CELL, subject_code=tree.outsider.code))
    assert "Không tìm thấy đảng viên mã" in page.content.decode()


def test_the_edit_button_on_the_check_page_goes_back_to_the_filled_form(tree, client, login):
    login(tree.committee_user)
    url = reverse("inspections:discipline_new", args=[tree.org.code])
    page = client.post(url, _post(tree) | {"edit": "1"}).content.decode()
    assert "Tiếp tục: kiểm tra trước khi ghi" in page
    assert 'value="09-QĐ/UBKT"' in page


@pytest.mark.parametrize(
    ("who", "sees"),
    [("member", True), ("secretary", True), ("committee", True), ("inspector", True),
     ("propaganda", False), ("admin", False), ("outsider", False), ("other_secretary", False),
     ("bloc_inspector", False)],
)  # fmt: skip
def test_a_named_record_is_read_only_by_those_concerned(tree, client, login, who, sees):
    inspector = make_user("ubkt", "Ủy viên Ủy ban kiểm tra")
    role_grant(actor=None, user=inspector, unit=tree.org, kind=RoleKind.INSPECTOR)
    bloc_inspector = make_user("ubktkhoi", "Ủy viên Ủy ban kiểm tra Khối")
    role_grant(actor=None, user=bloc_inspector, unit=tree.bloc, kind=RoleKind.INSPECTOR)
    record = recorded(tree.committee_user, tree.org, person=tree.member)
    users = {"member": tree.member_user, "secretary": tree.secretary_user,
             "committee": tree.committee_user, "inspector": inspector,
             "propaganda": tree.propaganda_user, "admin": tree.admin_user,
             "outsider": tree.outsider.user, "other_secretary": tree.other_secretary_user,
             "bloc_inspector": bloc_inspector}  # fmt: skip
    login(users[who])
    answer = client.get(reverse("inspections:discipline_record", args=[record.pk]))
    assert answer.status_code == (200 if sees else 404)
    assert answer["Cache-Control"] == "private, no-store"
    home = client.get(reverse("inspections:discipline_home"))
    listed = home.status_code == 200 and tree.member.full_name in home.content.decode()
    assert listed == (sees and who != "member")  # the member reads it under "Kỷ luật của tôi"


def test_reading_someone_else_s_record_is_logged_and_one_s_own_is_not(tree, client, login):
    record = recorded(tree.committee_user, tree.org, person=tree.member)
    url = reverse("inspections:discipline_record", args=[record.pk])
    login(tree.member_user)
    client.get(url)
    assert not RecordView.objects.exists()
    login(tree.secretary_user)
    client.get(url)
    view = RecordView.objects.get()
    assert (view.viewer, view.person, view.action) == (
        tree.secretary_user,
        tree.member,
        DisciplineAction.VIEWED,
    )


def test_my_discipline_lists_only_my_own_decisions(tree, client, login):
    mine = recorded(tree.committee_user, tree.org, person=tree.member, decision_number="11-QĐ")
    recorded(tree.committee_user, tree.org, person=tree.outsider, decision_number="12-QĐ")
    login(tree.member_user)
    page = client.get(reverse("inspections:discipline_mine"))
    text = page.content.decode()
    assert "quyết định số 11-QĐ" in text and "12-QĐ" not in text
    assert page["Cache-Control"] == "private, no-store"
    assert mine.pk


def test_every_discipline_page_sends_no_store(tree, client, login):
    record = recorded(tree.committee_user, tree.org, person=tree.member)
    login(tree.committee_user)
    urls = [
        reverse("inspections:discipline_home"),
        reverse("inspections:discipline_mine"),
        reverse("inspections:discipline_new", args=[tree.org.code]),
        reverse("inspections:discipline_record", args=[record.pk]),
        reverse("inspections:discipline_correct", args=[record.pk]),
        reverse("inspections:discipline_annul", args=[record.pk]),
        reverse("inspections:discipline_authority", args=[tree.bloc.code]),
        reverse("inspections:discipline_figures", args=[tree.org.code]),
        reverse("inspections:discipline_figures_export", args=[tree.org.code]),
    ]
    for url in urls:
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert answer["Cache-Control"] == "private, no-store", url


def test_annulling_from_the_page_needs_a_reason_and_the_version_seen(tree, client, login):
    record = recorded(tree.committee_user, tree.org, person=tree.member)
    login(tree.committee_user)
    url = reverse("inspections:discipline_annul", args=[record.pk])
    page = client.post(url, {"reason": "", "version": record.version}).content.decode()
    assert "Ghi rõ lý do hủy quyết định." in page
    stale = client.post(url, {"reason": "Sai", "version": record.version + 1}).content.decode()
    assert "vừa được người khác thay đổi" in stale
    done = client.post(url, {"reason": "Cấp trên hủy", "version": record.version})
    assert done.status_code == 302
    record.refresh_from_db()
    assert record.state == RecordState.ANNULLED


def test_correcting_from_the_page(tree, client, login):
    record = recorded(tree.committee_user, tree.org, person=tree.member)
    login(tree.committee_user)
    url = reverse("inspections:discipline_correct", args=[record.pk])
    data = _post(tree, form="reprimand", decision_number=record.decision_number)
    data |= {"correct_reason": "Ghi nhầm hình thức", "version": record.version}
    assert client.post(url, data).status_code == 302
    record.refresh_from_db()
    assert record.form == "reprimand"


def test_the_administrator_edits_the_authority_table_others_only_read_it(tree, client, login):
    url = reverse("inspections:discipline_authority", args=[tree.bloc.code])
    login(tree.committee_user)
    assert "Lưu bảng thẩm quyền" not in client.get(url).content.decode()
    assert client.post(url, {"version": 0}).status_code == 404
    login(tree.admin_user)
    assert "Lưu bảng thẩm quyền" in client.get(url).content.decode()
    boxes = {"cell__member__reprimand": "on", "committee__member__expulsion": "on"}
    assert client.post(url, {"version": 0, **boxes}).status_code == 302
    login(tree.secretary_user)
    refused = client.post(
        reverse("inspections:discipline_new", args=[tree.cell.code]),
        _post(tree, organ=Organ.CELL, form="warning"),
    )
    assert "không có thẩm quyền quyết định hình thức “cảnh cáo”" in refused.content.decode()


def test_the_counts_show_no_names_and_export_the_same_figures(tree, client, login):
    recorded(tree.committee_user, tree.org, person=tree.member, form="warning")
    recorded(tree.committee_user, tree.org, organ=Organ.COMMITTEE, form="reprimand",
             organization=tree.cell2)  # fmt: skip
    login(tree.propaganda_user)
    url = reverse("inspections:discipline_figures", args=[tree.bloc.code])
    page = client.get(url, {"nam": today().year}).content.decode()
    assert tree.member.full_name not in page
    assert "Tổng số: 1 đảng viên, 1 tổ chức đảng" in page
    assert reverse("inspections:discipline_figures", args=[tree.org.code]) in page  # drill-down
    assert "Đảng bộ cơ sở" in page  # the level of the deciding body
    export = client.get(reverse("inspections:discipline_figures_export", args=[tree.bloc.code]),
                        {"nam": today().year})  # fmt: skip
    sheets = load_workbook(BytesIO(export.content))
    rows = list(sheets["Theo đơn vị"].iter_rows(values_only=True))
    total = next(r for r in rows if r[0] == "Cộng")
    assert total[-2:] == (1, 1)
    assert tree.member.full_name not in str(rows)
    levels = list(sheets["Theo cấp quyết định"].iter_rows(values_only=True))
    assert any(r[0] == "Đảng bộ cơ sở" for r in levels)


def test_a_khai_tru_offers_the_roster_s_leaving_step_filled_in_until_it_is_recorded(
    tree, client, login
):
    record = recorded(
        tree.committee_user, tree.org, person=tree.member, form=DisciplineForm.EXPULSION,
        organ=Organ.COMMITTEE, decision_number="12-QĐ/ĐU",
    )  # fmt: skip
    url = reverse("inspections:discipline_record", args=[record.pk])
    # The committee decided; it does not keep the cell's roster: no offer.
    login(tree.committee_user)
    assert "Ghi nhận ra khỏi Đảng" not in client.get(url).content.decode()
    # The cell's secretary keeps it: the offer links to the roster's form, filled in.
    login(tree.secretary_user)
    page = client.get(url).content.decode()
    assert "Ghi nhận ra khỏi Đảng cho đồng chí" in page
    leave = reverse("people:leave", args=[tree.member.pk])
    assert f'href="{leave}?kind=left_party' in page
    form = client.get(f"{leave}?kind=left_party&month={today():%m/%Y}&note=Khai+tr%E1%BB%AB")
    assert f'value="{today():%m/%Y}"' in form.content.decode()
    assert "Khai trừ" in form.content.decode()
    # Once the roster records the leaving, the offer is gone.
    people.person_leave(actor=tree.secretary_user, person=tree.member,
                        kind=LeavingKind.LEFT_PARTY, month=today().replace(day=1),
                        note="Khai trừ", version=tree.member.version)  # fmt: skip
    assert "Ghi nhận ra khỏi Đảng" not in client.get(url).content.decode()


def test_a_lighter_form_offers_no_leaving_step(tree, client, login):
    record = recorded(tree.committee_user, tree.org, person=tree.member)  # cảnh cáo
    login(tree.secretary_user)
    page = client.get(reverse("inspections:discipline_record", args=[record.pk]))
    assert "Ghi nhận ra khỏi Đảng" not in page.content.decode()
