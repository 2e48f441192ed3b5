from __future__ import annotations

from django.core import mail

from lamtheo.core.models import Notice
from lamtheo.learning.study.tests.helpers import schedule, today


def test_scheduling_tells_the_people_expected_in_the_cells_reached(
    tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        schedule(tree, held_on=today(), place="Hội trường tầng 3")
    told = set(Notice.objects.values_list("user", flat=True))
    # Both cells of Đảng bộ Sở A; not Chi bộ cơ sở B, not the committee member who acts.
    assert told == {tree.member_user.pk, tree.secretary_user.pk, tree.outsider.user.pk}
    notice = Notice.objects.filter(user=tree.member_user).get()
    assert "Đảng bộ Sở A tổ chức" in notice.text and "tại Hội trường tầng 3" in notice.text
    assert notice.sender_title == "Cấp ủy viên Đảng bộ Sở A"
    assert len(mail.outbox) == 3


def test_scheduling_for_chosen_units_tells_only_their_people(tree):
    schedule(tree, whole_subtree=False, chosen_units=[tree.cell2])
    assert list(Notice.objects.values_list("user", flat=True)) == [tree.outsider.user.pk]


def _update(tree, session, **kw):
    from lamtheo.learning.study.services import study_session_update
    from lamtheo.learning.study.tests.helpers import session_input

    session.refresh_from_db()
    study_session_update(actor=tree.committee_user, session=session, version=session.version,
                         data=session_input(**kw))  # fmt: skip


def test_a_new_date_or_place_of_a_coming_session_tells_everyone_expected_again(tree):
    from datetime import timedelta

    coming = today() + timedelta(days=3)
    session = schedule(tree, held_on=coming, place="Hội trường tầng 3")
    Notice.objects.all().delete()
    _update(tree, session, held_on=coming, place="Phòng họp số 2")
    told = set(Notice.objects.values_list("user", flat=True))
    assert told == {tree.member_user.pk, tree.secretary_user.pk, tree.outsider.user.pk}
    text = Notice.objects.filter(user=tree.member_user).get().text
    assert "đổi lịch" in text and "tại Phòng họp số 2" in text


def test_an_edit_that_changes_no_date_or_place_tells_only_the_cells_added(tree):
    from datetime import timedelta

    coming = today() + timedelta(days=3)
    session = schedule(tree, held_on=coming, whole_subtree=False, chosen_units=[tree.cell])
    Notice.objects.all().delete()
    _update(tree, session, held_on=coming, whole_subtree=False,
            chosen_units=[tree.cell, tree.cell2], note="Mang theo sổ tay")  # fmt: skip
    assert list(Notice.objects.values_list("user", flat=True)) == [tree.outsider.user.pk]


def test_an_edit_of_a_session_already_held_tells_nobody(tree):
    session = schedule(tree)  # yesterday
    Notice.objects.all().delete()
    _update(tree, session, place="Phòng họp số 2")
    assert not Notice.objects.exists()


def test_cancelling_a_coming_session_tells_the_people_expected_why(tree):
    from datetime import timedelta

    from lamtheo.learning.study.services import study_session_cancel

    session = schedule(tree, held_on=today() + timedelta(days=3))
    Notice.objects.all().delete()
    study_session_cancel(actor=tree.committee_user, session=session,
                         reason="Trùng lịch hội nghị của tỉnh", version=session.version)  # fmt: skip
    assert Notice.objects.count() == 3
    text = Notice.objects.filter(user=tree.member_user).get().text
    assert "hủy" in text and "Lý do: Trùng lịch hội nghị của tỉnh" in text
