from __future__ import annotations

from datetime import date, timedelta

import pytest

from lamtheo.campaign.models import Campaign, Topic
from lamtheo.core.errors import DomainError, StaleRecord
from lamtheo.learning.study.models import SessionKind, StudySession, StudySheet
from lamtheo.learning.study.services import study_session_update
from lamtheo.learning.study.tests.helpers import P, record, schedule, session_input, today
from lamtheo.people.services import person_exempt


def cells_of(session) -> set[str]:
    return set(StudySheet.objects.filter(session=session).values_list("cell__code", flat=True))


def test_it_gives_every_cell_of_the_subtree_a_sheet(tree):
    session = schedule(tree)
    assert cells_of(session) == {"CB1", "CB2"}


def test_a_bloc_wide_session_reaches_every_cell_of_the_bloc(tree):
    session = schedule(tree, unit=tree.bloc, actor=tree.propaganda_user)
    assert cells_of(session) == {"CB1", "CB2", "CBB"}


def test_it_reaches_only_the_chosen_units(tree):
    session = schedule(
        tree,
        unit=tree.bloc,
        actor=tree.propaganda_user,
        whole_subtree=False,
        chosen_units=[tree.cell_b, tree.cell2],
    )
    assert cells_of(session) == {"CBB", "CB2"}
    assert set(session.chosen_units.all()) == {tree.cell_b, tree.cell2}


def test_it_counts_the_members_expected_in_each_cell(tree):
    person_exempt(
        actor=None,
        person=tree.proxy_member,
        start_month=today().replace(day=1),
        reason="Ốm dài ngày",
        end_month=None,
    )
    session = schedule(tree)
    sheet = StudySheet.objects.get(session=session, cell=tree.cell)
    assert (sheet.expected, sheet.marked, sheet.recorded_at) == (2, 0, None)


def test_it_records_who_scheduled_it_in_the_history(tree):
    session = schedule(tree)
    h = session.history.get()
    assert h.history_user == tree.committee_user
    assert h.history_change_reason == "Lên lịch buổi học tập, quán triệt"


def test_it_refuses_someone_who_does_not_organize_study_there(tree):
    with pytest.raises(DomainError):
        schedule(tree, actor=tree.secretary_user)
    with pytest.raises(DomainError):
        schedule(tree, unit=tree.bloc, actor=tree.committee_user)
    assert not StudySession.objects.exists()


def test_it_refuses_a_chosen_unit_outside_the_subtree(tree):
    with pytest.raises(DomainError) as e:
        schedule(tree, whole_subtree=False, chosen_units=[tree.cell_b])
    assert e.value.field == "chosen_units"


def test_it_refuses_an_empty_choice(tree):
    with pytest.raises(DomainError):
        schedule(tree, whole_subtree=False, chosen_units=[])


def test_it_refuses_a_meeting_in_person_without_a_place_or_online_without_a_link(tree):
    with pytest.raises(DomainError) as e:
        schedule(tree, place=" ")
    assert e.value.field == "place"
    with pytest.raises(DomainError) as e:
        schedule(tree, kind=SessionKind.ONLINE, place="", link="")
    assert e.value.field == "link"
    online = schedule(tree, kind=SessionKind.ONLINE, place="Hội trường", link="https://hop.vn/a")
    assert (online.place, online.link) == ("", "https://hop.vn/a")


def test_it_refuses_a_topic_of_another_branch(tree):
    other = Topic.objects.create(
        campaign=Campaign.objects.get(),
        unit=tree.cell_b,
        year=today().year,
        title="Chuyên đề của chi bộ B",
    )
    with pytest.raises(DomainError) as e:
        schedule(tree, topic=other)
    assert e.value.field == "topic"


def test_an_edit_adds_and_removes_cells_without_records(tree):
    session = schedule(tree, whole_subtree=False, chosen_units=[tree.cell])
    study_session_update(
        actor=tree.committee_user,
        session=session,
        version=session.version,
        data=session_input(whole_subtree=False, chosen_units=[tree.cell2]),
    )
    assert cells_of(session) == {"CB2"}
    assert session.history.count() == 2


def test_an_edit_refuses_to_drop_a_cell_that_has_recorded_attendance(tree):
    session = schedule(tree)
    record(tree, session, {tree.member: P})
    session.refresh_from_db()
    with pytest.raises(DomainError) as e:
        study_session_update(
            actor=tree.committee_user,
            session=session,
            version=session.version,
            data=session_input(whole_subtree=False, chosen_units=[tree.cell2]),
        )
    assert e.value.field == "chosen_units"
    assert cells_of(session) == {"CB1", "CB2"}


def test_an_edit_refuses_to_change_topic_or_move_to_the_future_after_attendance(tree):
    session = schedule(tree)
    record(tree, session, {tree.member: P})
    session.refresh_from_db()
    other = Topic.objects.create(
        campaign=Campaign.objects.get(),
        unit=tree.org,
        year=today().year,
        title="Chuyên đề riêng của Sở A",
    )
    for data in (session_input(topic=other), session_input(held_on=today() + timedelta(days=3))):
        with pytest.raises(DomainError):
            study_session_update(
                actor=tree.committee_user, session=session, version=session.version, data=data
            )


def test_an_edit_on_a_stale_version_is_refused(tree):
    session = schedule(tree)
    study_session_update(
        actor=tree.committee_user, session=session, version=1, data=session_input(title="Tên mới")
    )
    stale = StudySession.objects.get(pk=session.pk)
    stale.version = 1
    with pytest.raises(StaleRecord):
        study_session_update(
            actor=tree.propaganda_user,
            session=stale,
            version=1,
            data=session_input(title="Tên khác"),
        )
    assert StudySession.objects.get(pk=session.pk).title == "Tên mới"


def test_an_edit_by_someone_who_does_not_organize_there_is_refused(tree):
    session = schedule(tree)
    with pytest.raises(DomainError):
        study_session_update(
            actor=tree.secretary_user,
            session=session,
            version=session.version,
            data=session_input(title="X"),
        )


def test_cancelling_a_session_before_any_attendance_drops_it_and_keeps_the_history(tree):
    from lamtheo.learning.study.models import StudyTopicStat
    from lamtheo.learning.study.services import study_session_cancel

    session = schedule(tree)
    assert StudyTopicStat.objects.filter(unit=tree.cell, expected__gt=0).exists()
    study_session_cancel(actor=tree.committee_user, session=session, reason="Trùng lịch hội nghị",
                         version=session.version)  # fmt: skip
    assert not StudySession.objects.exists() and not StudySheet.objects.exists()
    assert not StudyTopicStat.objects.filter(unit=tree.cell, expected__gt=0).exists()
    gone = StudySession.history.get(history_type="-")
    assert gone.history_user == tree.committee_user
    assert gone.history_change_reason.endswith("Trùng lịch hội nghị")


def test_a_session_with_attendance_or_without_a_reason_is_not_cancelled(tree):
    from lamtheo.learning.study.services import study_session_cancel

    session = schedule(tree)
    with pytest.raises(DomainError, match="lý do"):
        study_session_cancel(actor=tree.committee_user, session=session, reason=" ",
                             version=session.version)  # fmt: skip
    with pytest.raises(DomainError):
        study_session_cancel(actor=tree.secretary_user, session=session, reason="Nhầm",
                             version=session.version)  # fmt: skip
    record(tree, session, {tree.member: P})
    session.refresh_from_db()
    with pytest.raises(DomainError, match="Đã có chi bộ ghi điểm danh"):
        study_session_cancel(actor=tree.committee_user, session=session, reason="Nhầm",
                             version=session.version)  # fmt: skip
    session.refresh_from_db()
    with pytest.raises(StaleRecord):
        study_session_cancel(actor=tree.committee_user, session=session, reason="Nhầm",
                             version=session.version + 1)  # fmt: skip
    assert StudySession.objects.count() == 1


@pytest.mark.parametrize(
    ("held_on", "words"),
    [(date(1, 1, 1), "03/02/1930"), (date(9999, 12, 31), "tối đa một năm")],
)
def test_a_session_dated_before_the_party_or_more_than_a_year_ahead_is_refused(
    tree, held_on, words
):
    with pytest.raises(DomainError) as e:
        schedule(tree, held_on=held_on)
    assert e.value.field == "held_on" and words in e.value.message
