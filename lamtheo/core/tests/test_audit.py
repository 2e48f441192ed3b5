"""The change history reads as a person would say it: Vietnamese labels, related records
by name, Có/Không, dd/mm/yyyy, local time, and a bounded number of queries."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.apps import apps
from django.template.loader import render_to_string
from django.urls import reverse

from lamtheo.campaign.models import Topic, TopicMaterial
from lamtheo.core.audit import EMPTY, Change, changes_of, tag
from lamtheo.core.models import StoredFile
from lamtheo.documents.tests.helpers import draft
from lamtheo.people.models import Exemption, Person
from lamtheo.pledges.actions import PledgeAction
from lamtheo.pledges.models import Pledge, PledgeStatus, Publication


def tracked_models():
    return [
        m
        for m in apps.get_models()
        if hasattr(m._meta, "simple_history_manager_attribute") and not hasattr(m, "instance_type")
    ]


def fields_of(change: Change) -> dict[str, tuple[str, str]]:
    return {label: (before, after) for label, before, after in change.fields}


def test_every_field_of_every_tracked_model_has_a_vietnamese_label():
    models = tracked_models()
    assert len(models) >= 20  # the walk did find the tracked models
    english = [
        f"{m.__name__}.{f.name}"
        for m in models
        for f in m._meta.get_fields()
        if (f.concrete or f.many_to_many) and not f.auto_created
        and str(f.verbose_name) == f.name.replace("_", " ")
    ]  # fmt: skip
    assert english == []


def a_pledge(tree) -> Pledge:
    pledge = Pledge(person=tree.member, year=2026, unit=tree.cell)
    tag(
        pledge, actor=tree.member_user, action=PledgeAction.PLEDGE_STARTED, reason="Tạo bản đăng ký"
    )
    pledge.save()
    return pledge


def test_a_foreign_key_shows_the_related_records_name(tree):
    pledge = a_pledge(tree)
    pledge.status = PledgeStatus.ACCEPTED
    pledge.decided_by = tree.secretary_user
    tag(
        pledge,
        actor=tree.secretary_user,
        action=PledgeAction.PLEDGE_ACCEPTED,
        reason="Chi bộ thông qua",
    )
    pledge.save()

    created, decided = changes_of(pledge.history.all(), what="Bản đăng ký")
    assert fields_of(created)["đảng viên"] == ("", "Nguyễn Văn An")
    assert fields_of(created)["chi bộ"] == ("", "Chi bộ Phòng 1")
    assert fields_of(decided) == {
        "tình trạng": ("Bản nháp", "Chi bộ đã thông qua"),
        "người xem xét": (EMPTY, "Trần Thị Bình"),  # the user's whole name, not the key
    }


def test_a_stored_file_shows_its_original_name(tree):
    stored = StoredFile.objects.create(
        key="k" * 32,
        original_name="ke-hoach-hoc-tap.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    material = TopicMaterial.objects.create(
        topic=Topic.objects.first(), title="Tài liệu", file=stored, added_by=tree.propaganda_user
    )
    (created,) = changes_of(material.history.all(), what="Tài liệu")
    shown = fields_of(created)
    assert shown["tệp tài liệu"] == ("", "ke-hoach-hoc-tap.pdf")
    assert shown["người thêm"] == ("", "Đỗ Thị Giang")
    assert "thời điểm thêm" not in shown  # bookkeeping


def test_booleans_read_co_khong_and_datetimes_are_local(tree):
    publication = Publication.objects.create(
        unit=tree.org, pledge=a_pledge(tree), published_by=tree.committee_user,
        published_at=datetime(2026, 11, 29, 10, 22, 31, 281674, tzinfo=UTC),
    )  # fmt: skip
    publication.is_published = False
    publication.save()
    created, withdrawn = changes_of(publication.history.all(), what="Công khai")
    shown = fields_of(created)
    assert shown["đang công khai"] == ("", "Có")
    assert shown["ngày công khai"] == ("", "29/11/2026 17:22")  # Asia/Ho_Chi_Minh, UTC+7
    assert shown["bản đăng ký"] == ("", "Bản đăng ký năm 2026 – Nguyễn Văn An")
    assert fields_of(withdrawn) == {"đang công khai": ("Có", "Không")}


def test_dates_read_dd_mm_yyyy_and_a_cleared_value_reads_as_a_dash(tree):
    exemption = Exemption.objects.create(person=tree.member, start_month=date(2026, 3, 1))
    exemption.end_month = date(2026, 9, 1)
    exemption.save()
    exemption.end_month = None
    exemption.save()
    created, ended, reopened = changes_of(exemption.history.all(), what="Miễn sinh hoạt")
    assert fields_of(created) == {
        "đảng viên": ("", "Nguyễn Văn An"),
        "từ tháng": ("", "01/03/2026"),
    }
    assert fields_of(ended) == {"đến trước tháng": (EMPTY, "01/09/2026")}
    assert fields_of(reopened) == {"đến trước tháng": ("01/09/2026", EMPTY)}


def test_a_deleted_related_record_does_not_show_its_key(tree):
    person = Person.objects.create(code="X1", full_name="Người Đã Xóa", status="full")
    exemption = Exemption.objects.create(person=person, start_month=date(2026, 3, 1))
    person_pk, exemption_pk = person.pk, exemption.pk
    exemption.delete()
    Person.objects.filter(pk=person_pk).delete()
    created, _deleted = changes_of(Exemption.history.filter(id=exemption_pk), what="Miễn")
    assert fields_of(created)["đảng viên"] == ("", "(đã xóa)")


def test_fifty_rows_take_a_bounded_number_of_queries(tree, django_assert_max_num_queries):
    pledge = a_pledge(tree)
    users = [tree.secretary_user, tree.committee_user, tree.admin_user]
    for i in range(50):
        pledge.decided_by = users[i % 3]
        pledge.decision_comment = f"Lần {i}"
        tag(pledge, actor=users[i % 3], action=PledgeAction.PLEDGE_EDITED, reason="Sửa")
        pledge.save()
    # the rows, then one query each for the users, people and units they name
    with django_assert_max_num_queries(4):
        changes = changes_of(pledge.history.all(), what="Bản đăng ký")
    assert len(changes) == 51
    assert fields_of(changes[-1])["người xem xét"] == ("Trần Thị Bình", "Hoàng Văn Em")


def test_the_history_table_shows_labels_capitalized_and_empties_as_a_dash():
    at = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)
    fields = [("người xem xét", EMPTY, "Trần Thị Bình"), ("lý do", "Cũ", EMPTY),
              ("năm", "", "2026")]  # fmt: skip
    html = render_to_string("_history.html", {"history": [Change(at, "A", "Sửa", "X", fields)]})
    assert "<strong>Người xem xét</strong>: — → Trần Thị Bình" in html
    assert "<strong>Lý do</strong>: <del>Cũ</del> → —" in html
    assert "<strong>Năm</strong>: 2026" in html
    assert "29/11/2026 10:00" in html


def test_a_documents_history_page_names_people_and_files(tree, login):
    document = draft(tree.committee_user, tree.org, [tree.cell])
    text = login(tree.committee_user).get(reverse("documents:detail", args=[document.pk])).text
    history = text[text.index("Lịch sử thay đổi") :]
    assert "Người tạo</strong>: Hoàng Văn Em" in history
    assert "Đơn vị ban hành</strong>: Đảng bộ Sở A" in history
    assert "Tệp văn bản</strong>: ke-hoach.docx" in history
    issued_on = document.issued_on.strftime("%d/%m/%Y")
    assert f"Ngày ban hành</strong>: {issued_on}" in history
    assert "Created" not in history and "+00:00" not in history


def test_a_long_reason_is_shortened_to_what_the_history_keeps(tree):
    from lamtheo.core.audit import REASON_LENGTH, tag
    from lamtheo.orgs.actions import OrgAction
    from lamtheo.orgs.models import Role

    role = Role.objects.filter(unit=tree.cell).first()
    tag(role, actor=None, action=OrgAction.ROLE_GRANTED, reason="Lý do rất dài " * 30)
    role.save()
    reason = role.history.first().history_change_reason
    assert len(reason) == REASON_LENGTH and reason.endswith("…")
