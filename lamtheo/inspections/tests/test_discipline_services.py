"""Recording, correcting and annulling discipline decisions: who may decide which form on
whom (the authority table per body), the probationary member's limits, the transitions,
the version check and the notice to the person."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from lamtheo.core.errors import DomainError, StaleRecord
from lamtheo.core.models import Notice
from lamtheo.inspections.discipline import services
from lamtheo.inspections.discipline.actions import DisciplineAction
from lamtheo.inspections.discipline.models import (
    FORMS_OF,
    DisciplineAuthority,
    DisciplineForm,
    DisciplineRecord,
    Organ,
    RecordState,
    SubjectKind,
)
from lamtheo.inspections.discipline.selectors import authority_table
from lamtheo.inspections.tests.discipline_helpers import decision, probationary, recorded
from lamtheo.inspections.tests.helpers import a_plan, concluded, opened, shortcoming, today

R, W, D, E, X = "reprimand", "warning", "dismissal", "expulsion", "dissolution"
# What each body may decide under the table seeded from FACTS.md, written out by hand:
# (unit, organ, subject) → forms. Anything not listed is refused.
ALLOWED = {
    ("cell", Organ.CELL, SubjectKind.MEMBER): {R, W},
    ("org", Organ.COMMITTEE, SubjectKind.MEMBER): {R, W, D, E},
    ("org", Organ.STANDING, SubjectKind.MEMBER): {R, W, D, E},
    ("org", Organ.COMMISSION, SubjectKind.MEMBER): {R, W, D, E},
    ("org", Organ.COMMITTEE, SubjectKind.ORGANIZATION): {R, W, X},
    ("org", Organ.STANDING, SubjectKind.ORGANIZATION): {R, W},
    ("org", Organ.COMMISSION, SubjectKind.ORGANIZATION): {R, W},
}
CASES = [
    (unit, organ, kind, form)
    for unit in ("cell", "org")
    for organ in Organ.values
    for kind in SubjectKind.values
    for form in FORMS_OF[kind]
]


def _actor_and_subject(tree, unit: str, kind: str):
    actor = tree.secretary_user if unit == "cell" else tree.committee_user
    subject = (
        {"person": tree.member} if kind == SubjectKind.MEMBER else {"organization": tree.cell2}
    )
    return getattr(tree, unit), actor, subject


@pytest.mark.parametrize(("unit", "organ", "kind", "form"), CASES)
def test_each_form_is_allowed_or_refused_per_body(tree, unit, organ, kind, form):
    place, actor, subject = _actor_and_subject(tree, unit, kind)
    data = decision(organ=organ, form=form, **subject)
    if form in ALLOWED.get((unit, organ, kind), set()):
        record = services.discipline_record(actor=actor, unit=place, data=data)
        assert (record.form, record.organ, record.subject_kind) == (form, organ, kind)
    else:
        with pytest.raises(DomainError):
            services.discipline_record(actor=actor, unit=place, data=data)
        assert not DisciplineRecord.objects.exists()


def test_the_refusal_names_the_body_and_the_form(tree):
    with pytest.raises(DomainError) as refused:
        recorded(tree.secretary_user, tree.cell, organ=Organ.CELL, form=DisciplineForm.EXPULSION,
                 person=tree.member)  # fmt: skip
    assert refused.value.message == (
        "Chi bộ Phòng 1 không có thẩm quyền quyết định hình thức “khai trừ” đối với "
        "đảng viên (theo bảng thẩm quyền thi hành kỷ luật của đảng bộ)."
    )
    assert refused.value.field == "form"


def test_a_tree_s_own_table_decides(tree):
    services.authority_save(
        actor=tree.admin_user, top=tree.bloc, version=0,
        table={Organ.CELL: {SubjectKind.MEMBER: [R]}, Organ.COMMITTEE: {SubjectKind.MEMBER: [R]}},
    )  # fmt: skip
    assert authority_table(tree.cell)[Organ.CELL][SubjectKind.MEMBER] == [R]
    with pytest.raises(DomainError):
        recorded(tree.secretary_user, tree.cell, organ=Organ.CELL, form=W, person=tree.member)
    recorded(tree.secretary_user, tree.cell, organ=Organ.CELL, form=R, person=tree.member)


def test_only_the_tree_s_administrators_edit_the_table_with_the_version_seen(tree):
    table = {Organ.CELL: {SubjectKind.MEMBER: [R, W]}}
    for actor in (tree.committee_user, tree.propaganda_user):
        with pytest.raises(DomainError):
            services.authority_save(actor=actor, top=tree.bloc, table=table, version=0)
    with pytest.raises(DomainError):  # not a top unit
        services.authority_save(actor=tree.admin_user, top=tree.org, table=table, version=0)
    kept = services.authority_save(actor=tree.admin_user, top=tree.bloc, table=table, version=0)
    assert kept.history.first().history_action == DisciplineAction.AUTHORITY_EDITED
    with pytest.raises(StaleRecord):
        services.authority_save(actor=tree.admin_user, top=tree.bloc, table=table, version=0)
    services.authority_save(actor=tree.admin_user, top=tree.bloc, table=table, version=1)
    assert DisciplineAuthority.objects.get().version == 2


@pytest.mark.parametrize("form", [R, W, D, E])
def test_a_probationary_member_is_only_reprimanded_or_warned(tree, form):
    probationary(tree.member)
    data = decision(organ=Organ.COMMITTEE, form=form, person=tree.member)
    if form in (R, W):
        record = services.discipline_record(actor=tree.committee_user, unit=tree.org, data=data)
        assert record.was_probationary
    else:
        with pytest.raises(DomainError, match="Đảng viên dự bị chỉ bị kỷ luật"):
            services.discipline_record(actor=tree.committee_user, unit=tree.org, data=data)


def test_the_database_refuses_a_probationary_member_s_expulsion(tree):
    record = recorded(tree.committee_user, tree.org, person=tree.member)
    with pytest.raises(IntegrityError), transaction.atomic():
        DisciplineRecord.objects.filter(pk=record.pk).update(
            was_probationary=True, form=DisciplineForm.EXPULSION
        )


def test_the_database_refuses_a_member_form_for_an_organization(tree):
    record = recorded(tree.committee_user, tree.org, organization=tree.cell2, form=R,
                      organ=Organ.COMMITTEE)  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        DisciplineRecord.objects.filter(pk=record.pk).update(form=DisciplineForm.EXPULSION)


def test_a_cell_disciplines_only_its_own_members(tree):
    with pytest.raises(DomainError, match="không sinh hoạt trong Chi bộ Phòng 1"):
        recorded(tree.secretary_user, tree.cell, organ=Organ.CELL, form=R, person=tree.outsider)


def test_a_body_disciplines_only_organizations_below_it(tree):
    for org in (tree.org, tree.cell_b):
        with pytest.raises(DomainError, match="tổ chức đảng cấp dưới"):
            recorded(tree.committee_user, tree.org, organ=Organ.COMMITTEE, form=R,
                     organization=org)  # fmt: skip


def test_only_who_records_for_the_deciding_unit_records(tree):
    for actor in (tree.propaganda_user, tree.admin_user, tree.secretary_user, tree.member_user):
        with pytest.raises(DomainError, match="không có quyền"):
            recorded(actor, tree.org, person=tree.member)


def test_a_decision_number_is_used_once_per_body_and_year(tree):
    recorded(tree.committee_user, tree.org, person=tree.member, decision_number="07-QĐ/UBKT")
    with pytest.raises(DomainError, match="Đã có quyết định số 07-QĐ/UBKT"):
        recorded(tree.committee_user, tree.org, person=tree.outsider, decision_number="07-QĐ/UBKT")


def test_dates_are_checked(tree):
    t = today()
    with pytest.raises(DomainError, match="sau ngày hôm nay"):
        recorded(tree.committee_user, tree.org, person=tree.member,
                 decision_date=t + timedelta(days=1), effective_from=t + timedelta(days=1))  # fmt: skip
    with pytest.raises(DomainError, match="từ ngày ký"):
        recorded(tree.committee_user, tree.org, person=tree.member,
                 effective_from=t - timedelta(days=1))  # fmt: skip
    with pytest.raises(DomainError, match="Ngày hết hiệu lực"):
        recorded(tree.committee_user, tree.org, person=tree.member,
                 effective_to=t - timedelta(days=1))  # fmt: skip


def test_an_inspection_of_the_subject_s_unit_may_be_the_source(tree):
    plan = a_plan(tree.committee_user, tree.org)
    inspection = opened(tree.committee_user, plan, tree.cell, [tree.committee_user])
    shortcoming(tree.committee_user, inspection)
    inspection = concluded(tree.committee_user, inspection)
    record = recorded(tree.committee_user, tree.org, person=tree.member, inspection=inspection)
    assert record.inspection == inspection
    with pytest.raises(DomainError, match="phạm vi kiểm tra"):
        recorded(tree.committee_user, tree.org, person=tree.outsider, inspection=inspection)


def test_the_person_is_told_of_the_decision(tree):
    record = recorded(tree.committee_user, tree.org, person=tree.member)
    notice = Notice.objects.get(user=tree.member_user)
    assert "bị kỷ luật bằng hình thức cảnh cáo" in notice.text
    assert f"quyết định số {record.decision_number}" in notice.text
    assert notice.url == "/kiem-tra/ky-luat/cua-toi/"
    assert notice.sender == tree.committee_user


def test_an_organization_s_committee_is_told(tree):
    role = tree.outsider.user
    from lamtheo.orgs.models import RoleKind
    from lamtheo.orgs.services import role_grant

    role_grant(actor=None, user=role, unit=tree.cell2, kind=RoleKind.SECRETARY)
    recorded(tree.committee_user, tree.org, organ=Organ.COMMITTEE, form=R, organization=tree.cell2)
    assert "Chi bộ Phòng 2 bị kỷ luật" in Notice.objects.get(user=role).text


# --- transitions ----------------------------------------------------------------------------


def test_in_force_to_corrected_with_a_reason_keeps_the_subject_and_tells(tree):
    record = recorded(tree.committee_user, tree.org, person=tree.member)
    data = decision(form=R, decision_number=record.decision_number, person=tree.outsider)
    services.discipline_correct(actor=tree.committee_user, record=record, data=data,
                                reason="Sai hình thức", version=record.version)  # fmt: skip
    record.refresh_from_db()
    assert (record.form, record.person, record.state) == (R, tree.member, RecordState.IN_FORCE)
    last = record.history.first()
    assert last.history_action == DisciplineAction.CORRECTED
    assert "Sai hình thức" in last.history_change_reason
    assert "đã được sửa" in Notice.objects.filter(user=tree.member_user).first().text


def test_a_correction_is_refused_without_a_reason_with_a_stale_version_or_beyond_authority(tree):
    record = recorded(tree.secretary_user, tree.cell, organ=Organ.CELL, form=R,
                      person=tree.member)  # fmt: skip
    data = decision(organ=Organ.CELL, form=W, decision_number=record.decision_number)
    with pytest.raises(DomainError, match="lý do sửa"):
        services.discipline_correct(actor=tree.secretary_user, record=record, data=data,
                                    reason=" ", version=record.version)  # fmt: skip
    with pytest.raises(StaleRecord):
        services.discipline_correct(actor=tree.secretary_user, record=record, data=data,
                                    reason="Sửa", version=record.version + 5)  # fmt: skip
    expel = decision(organ=Organ.CELL, form=E, decision_number=record.decision_number)
    with pytest.raises(DomainError, match="không có thẩm quyền"):
        services.discipline_correct(actor=tree.secretary_user, record=record, data=expel,
                                    reason="Nặng hơn", version=record.version)  # fmt: skip
    with pytest.raises(DomainError, match="Chỉ cơ quan đã ghi"):
        services.discipline_correct(actor=tree.committee_user, record=record, data=data,
                                    reason="Sửa", version=record.version)  # fmt: skip
    record.refresh_from_db()
    assert (record.form, record.version) == (R, 1)


def test_in_force_to_annulled_with_a_reason(tree):
    record = recorded(tree.committee_user, tree.org, person=tree.member)
    services.discipline_annul(actor=tree.committee_user, record=record,
                              reason="Cấp trên hủy quyết định", version=record.version)  # fmt: skip
    record.refresh_from_db()
    assert (record.state, record.annul_reason) == (RecordState.ANNULLED, "Cấp trên hủy quyết định")
    assert record.history.first().history_action == DisciplineAction.ANNULLED
    assert "đã bị hủy" in Notice.objects.filter(user=tree.member_user).first().text


def test_an_annulment_is_refused_without_a_reason_stale_by_others_or_twice(tree):
    record = recorded(tree.committee_user, tree.org, person=tree.member)
    with pytest.raises(DomainError, match="lý do hủy"):
        services.discipline_annul(actor=tree.committee_user, record=record, reason="",
                                  version=record.version)  # fmt: skip
    with pytest.raises(StaleRecord):
        services.discipline_annul(actor=tree.committee_user, record=record, reason="Sai",
                                  version=record.version - 1)  # fmt: skip
    for actor in (tree.secretary_user, tree.member_user, tree.propaganda_user):
        with pytest.raises(DomainError, match="Chỉ cơ quan đã ghi"):
            services.discipline_annul(actor=actor, record=record, reason="Sai",
                                      version=record.version)  # fmt: skip
    services.discipline_annul(actor=tree.committee_user, record=record, reason="Sai",
                              version=record.version)  # fmt: skip
    with pytest.raises(DomainError, match="đã bị hủy"):
        services.discipline_annul(actor=tree.committee_user, record=record, reason="Lần nữa",
                                  version=record.version)  # fmt: skip
    with pytest.raises(DomainError, match="đã bị hủy"):
        services.discipline_correct(actor=tree.committee_user, record=record,
                                    data=decision(decision_number=record.decision_number),
                                    reason="Sửa", version=record.version)  # fmt: skip
