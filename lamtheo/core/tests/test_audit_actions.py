"""Audit records carry a machine-readable action code: tag() requires a declared one,
tag_all() reaches the rows Django writes on our behalf, bulk_history() the bulk writes, and
count_actions() counts them by code."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.admin.sites import site
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from lamtheo.core.actions import CoreAction
from lamtheo.core.audit import (
    AuditAction,
    Change,
    bulk_history,
    changes_of,
    count_actions,
    declared_actions,
    record_view,
    tag,
    tag_all,
)
from lamtheo.core.models import AuditedHistory, RecordView
from lamtheo.handbook.actions import HandbookAction
from lamtheo.orgs.actions import OrgAction
from lamtheo.orgs.models import Role, RoleKind
from lamtheo.people.actions import PeopleAction
from lamtheo.people.models import Exemption, Membership, MemberStatus, Person

CODE = re.compile(r"^lamtheo(\.[a-z][a-z_]*)+$")


def an_exemption(tree, **kw) -> Exemption:
    return Exemption(person=tree.member, start_month=date(2026, 3, 1), **kw)


def test_every_declared_code_is_dotted_unique_labelled_and_under_its_package():
    declared = declared_actions()  # imports every app's actions.py
    seen: dict[str, str] = {}
    enums = [AuditAction]
    while enums:
        enum = enums.pop()
        enums += enum.__subclasses__()
        package = enum.__module__.removesuffix(".actions")
        for member in enum:
            assert CODE.match(member.value), member.value
            # lamtheo.<package>.<record>.<verb>: the code says who declared it.
            assert member.value.removeprefix(package + ".").count(".") == 1, member.value
            assert member.label and member.label != member.name, member.value
            assert seen.setdefault(member.value, enum.__name__) == enum.__name__, member.value
    assert set(seen) == set(declared) and len(declared) >= 50


def test_every_history_table_has_the_action_column():
    tracked = [
        m
        for m in apps.get_models()
        if hasattr(m._meta, "simple_history_manager_attribute") and not hasattr(m, "instance_type")
    ]
    plain = [m.__name__ for m in tracked if not issubclass(m.history.model, AuditedHistory)]
    assert tracked and plain == []


@pytest.mark.parametrize("action", ["lamtheo.orgs.role.granted", "", None])
def test_an_undeclared_action_is_refused(tree, action):
    exemption = an_exemption(tree)
    with pytest.raises(TypeError, match="actions.py"):
        tag(exemption, actor=tree.secretary_user, action=action, reason="Miễn")
    with pytest.raises(TypeError):
        bulk_history(actor=tree.secretary_user, action=action, reason="Miễn")
    with pytest.raises(TypeError):
        record_view(viewer=tree.secretary_user, person=tree.member, action=action, what="Sổ tay")


def test_a_tagged_save_writes_its_code_beside_the_reason_and_the_user(tree):
    exemption = an_exemption(tree)
    tag(exemption, actor=tree.secretary_user, action=PeopleAction.EXEMPTION_GRANTED,
        reason="Miễn công tác và sinh hoạt đảng")  # fmt: skip
    exemption.save()
    row = exemption.history.get()
    assert row.history_action == "lamtheo.people.exemption.granted"
    assert row.history_change_reason == "Miễn công tác và sinh hoạt đảng"
    assert row.history_user == tree.secretary_user


def test_an_untagged_save_writes_no_code(tree):
    exemption = an_exemption(tree)
    exemption.save()
    assert exemption.history.get().history_action == ""


def test_tag_all_reaches_the_rows_a_delete_cascades_to_and_keeps_a_records_own_tag(tree):
    person = Person.objects.create(code="X1", full_name="Người Thử", status=MemberStatus.FULL)
    membership = Membership.objects.create(
        person=person, unit=tree.cell, start_month=date(2026, 1, 1)
    )
    exemption = Exemption.objects.create(person=person, start_month=date(2026, 3, 1))
    with tag_all(actor=tree.admin_user, action=CoreAction.ADMIN_DELETED, reason="Xóa người thử"):
        person.delete()
    gone = Membership.history.get(id=membership.pk, history_type="-")
    assert gone.history_action == "lamtheo.core.admin.deleted"
    assert gone.history_change_reason == "Xóa người thử"
    assert gone.history_user == tree.admin_user
    cascaded = Exemption.history.get(id=exemption.pk, history_type="-")
    assert cascaded.history_action == gone.history_action

    own = an_exemption(tree)
    tag(own, actor=tree.secretary_user, action=PeopleAction.EXEMPTION_GRANTED, reason="Miễn")
    with tag_all(actor=tree.admin_user, action=CoreAction.ADMIN_CHANGED, reason="Khác"):
        own.save()
    row = own.history.get()
    assert (row.history_action, row.history_change_reason, row.history_user) == (
        "lamtheo.people.exemption.granted", "Miễn", tree.secretary_user,
    )  # fmt: skip


def test_tag_all_ends_with_its_block(tree):
    with tag_all(actor=None, action=OrgAction.ROLE_GRANTED, reason="Giao vai trò"):
        inside = Role.objects.create(user=tree.member_user, unit=tree.cell, kind=RoleKind.DEPUTY)
    outside = Role.objects.create(user=tree.member_user, unit=tree.cell, kind=RoleKind.COMMITTEE)
    assert inside.history.get().history_action == "lamtheo.orgs.role.granted"
    assert outside.history.get().history_action == ""


def test_bulk_history_tags_bulk_created_and_bulk_updated_rows(tree):
    how = bulk_history(actor=tree.admin_user, action=PeopleAction.MEMBERSHIP_TRANSFERRED_IN,
                       reason="Nhập danh sách từ tệp “danh-sach.xlsx”")  # fmt: skip
    people = [
        Person.objects.create(code=f"B{i}", full_name=f"Người {i}", status=MemberStatus.FULL)
        for i in range(3)
    ]
    opened = bulk_create_with_history(
        [Membership(person=p, unit=tree.cell, start_month=date(2026, 1, 1)) for p in people],
        Membership, **how,
    )  # fmt: skip
    for m in opened:
        m.end_month = date(2026, 6, 1)
    closing = bulk_history(actor=tree.admin_user, action=PeopleAction.MEMBERSHIP_TRANSFERRED_OUT,
                           reason="Nhập danh sách từ tệp “danh-sach.xlsx”")  # fmt: skip
    bulk_update_with_history(opened, Membership, ["end_month"], **closing)
    rows = Membership.history.filter(person__in=people)
    assert sorted(rows.values_list("history_type", "history_action")) == sorted(
        [("+", "lamtheo.people.membership.transferred_in")] * 3
        + [("~", "lamtheo.people.membership.transferred_out")] * 3
    )
    assert {r.history_user for r in rows} == {tree.admin_user}
    assert {r.history_change_reason for r in rows} == {"Nhập danh sách từ tệp “danh-sach.xlsx”"}


def test_count_actions_counts_by_code_within_the_given_sources_period_and_prefix(tree):
    before = timezone.now()
    for start in (date(2026, 3, 1), date(2026, 5, 1)):
        exemption = an_exemption(tree) if start.month == 3 else Exemption(
            person=tree.outsider, start_month=start)  # fmt: skip
        tag(exemption, actor=None, action=PeopleAction.EXEMPTION_GRANTED, reason="Miễn")
        exemption.save()
    record_view(viewer=tree.secretary_user, person=tree.member,
                action=HandbookAction.ENTRY_VIEWED, what="Sổ tay 2026-03")  # fmt: skip
    record_view(viewer=tree.member_user, person=tree.member,  # one's own: not logged
                action=HandbookAction.ENTRY_VIEWED, what="Sổ tay 2026-03")  # fmt: skip

    everything = count_actions()
    assert everything["lamtheo.people.exemption.granted"] == 2
    assert everything["lamtheo.handbook.entry.viewed"] == 1
    assert everything["lamtheo.people.membership.started"] == 5  # the tree's five people
    assert "" not in everything
    # Scope is the caller's: a narrowed queryset counts only its rows.
    mine = Exemption.history.filter(person=tree.member)
    assert count_actions(mine) == {"lamtheo.people.exemption.granted": 1}
    assert count_actions(mine, RecordView.objects.filter(person=tree.member)) == {
        "lamtheo.handbook.entry.viewed": 1,
        "lamtheo.people.exemption.granted": 1,
    }
    assert count_actions(prefix="lamtheo.handbook.") == {"lamtheo.handbook.entry.viewed": 1}
    assert count_actions(Exemption.history.all(), since=before) == {
        "lamtheo.people.exemption.granted": 2
    }
    assert count_actions(Exemption.history.all(), until=before) == {}
    future = timezone.now() + timedelta(days=1)
    assert count_actions(since=future) == {}


def test_count_actions_refuses_a_queryset_that_is_not_an_audit_record(tree):
    with pytest.raises(TypeError, match="not an audit record"):
        count_actions(Person.objects.all())


def test_the_migration_gives_old_rows_the_code_their_reason_shows(tree):
    migration = import_module("lamtheo.people.migrations.0003_history_action_code")
    membership = Membership.objects.get(person=tree.outsider)
    membership.end_month = date(2026, 6, 1)
    tag(membership, actor=None, action=PeopleAction.MEMBERSHIP_TRANSFERRED_OUT,
        reason="Nhập danh sách từ tệp “a.xlsx”")  # fmt: skip
    membership.save()
    Membership.history.update(history_action="")  # as before the migration
    migration.backfill(apps, None)
    rows = Membership.history.filter(person=tree.outsider)
    codes = dict(rows.values_list("history_type", "history_action"))
    assert codes == {
        "+": "lamtheo.people.membership.started",
        "~": "lamtheo.people.membership.transferred_out",
    }


def test_the_admin_tags_its_saves_and_deletes(tree):
    role = Role.objects.get(user=tree.secretary_user)
    pk = role.pk
    request = RequestFactory().post("/")
    request.user = tree.admin_user
    role_admin = site._registry[Role]
    role.kind = RoleKind.DEPUTY
    role_admin.save_model(request, role, form=None, change=True)
    role_admin.delete_model(request, role)
    rows = (
        Role.history.filter(id=pk).order_by("history_date").values_list("history_action", flat=True)
    )
    assert list(rows)[-2:] == ["lamtheo.core.admin.changed", "lamtheo.core.admin.deleted"]


def test_the_history_shows_the_label_for_a_row_without_a_reason_and_marks_each_code(tree):
    exemption = an_exemption(tree)
    tag(exemption, actor=None, action=PeopleAction.EXEMPTION_GRANTED, reason="")
    exemption.save()
    (change,) = changes_of(exemption.history.all(), what="Miễn")
    assert (change.reason, change.action) == (
        "Miễn công tác và sinh hoạt đảng", "lamtheo.people.exemption.granted",
    )  # fmt: skip
    at = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)
    html = render_to_string(
        "_history.html", {"history": [Change(at, "A", "Sửa", "X", [], change.action)]}
    )
    assert 'data-action="lamtheo.people.exemption.granted"' in html
