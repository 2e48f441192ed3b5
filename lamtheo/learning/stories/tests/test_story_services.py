from __future__ import annotations

from datetime import date, timedelta

import pytest

from lamtheo.core.errors import DomainError, StaleRecord
from lamtheo.learning.stories import services as s
from lamtheo.learning.stories.models import Story, StoryCadence, StoryReading, StorySetting
from lamtheo.learning.stories.selectors import (
    cadence_for,
    rotation,
    search_stories,
    story_of_period,
)


def _library(tree, n: int) -> list[Story]:
    return [
        s.story_create(
            actor=tree.propaganda_user,
            title=f"Mẩu chuyện số {i}",
            text=f"Nội dung {i}",
            source="Biên soạn",
        )
        for i in range(n)
    ]


def test_a_propaganda_officer_creates_and_edits_a_story_with_history(tree):
    story = s.story_create(
        actor=tree.propaganda_user,
        title="Đôi dép",
        text="Bác đi dép.",
        source="Biên soạn",
        tags=" giản dị ,, tiết kiệm ",
    )
    assert story.tags == "giản dị, tiết kiệm"
    s.story_update(
        actor=tree.propaganda_user,
        story=story,
        version=story.version,
        title="Đôi dép cao su",
        text="Bác đi dép cũ.",
        source="Biên soạn",
        is_active=False,
    )
    story.refresh_from_db()
    assert (story.title, story.is_active, story.version) == ("Đôi dép cao su", False, 2)
    assert [h.history_user for h in story.history.all()] == [tree.propaganda_user] * 2


def test_it_refuses_a_story_from_someone_who_does_not_manage_stories(tree):
    for user in (tree.secretary_user, tree.committee_user, tree.admin_user, tree.member_user):
        with pytest.raises(DomainError, match="không có quyền"):
            s.story_create(actor=user, title="T", text="X", source="Y")


def test_it_refuses_a_story_without_text_and_a_stale_edit(tree):
    with pytest.raises(DomainError, match="nội dung"):
        s.story_create(actor=tree.propaganda_user, title="T", text=" ", source="Y")
    story = _library(tree, 1)[0]
    with pytest.raises(StaleRecord):
        s.story_update(
            actor=tree.propaganda_user,
            story=story,
            version=story.version + 1,
            title="T",
            text="X",
            source="Y",
        )


def test_search_ignores_diacritics_and_case(tree):
    s.story_create(
        actor=tree.propaganda_user,
        title="Bữa cơm không để thừa",
        text="Tiết kiệm.",
        source="Biên soạn",
        tags="giản dị",
    )
    _library(tree, 2)
    found = search_stories(Story.objects.all(), "BUA COM")
    assert [x.title for x in found] == ["Bữa cơm không để thừa"]
    assert search_stories(Story.objects.all(), "gian di").count() == 1
    assert search_stories(Story.objects.all(), "").count() == 3


def test_no_story_repeats_until_the_library_is_used_up(tree):
    _library(tree, 5)
    day, seen = date.today() - timedelta(days=12), []
    for i in range(12):
        reading = s.story_mark_read(
            actor=tree.secretary_user, unit=tree.cell, on=day + timedelta(days=i)
        )
        seen.append(reading.story_id)
    assert len(set(seen[:5])) == 5 and len(set(seen[5:10])) == 5
    assert seen[5:10] == seen[:5]  # the same stable order on the next pass
    assert [r.cycle for r in StoryReading.objects.order_by("period")][4:6] == [1, 2]


def test_the_order_is_stable_per_unit_and_differs_between_units(tree):
    _library(tree, 8)
    assert rotation(tree.cell) == rotation(tree.cell)
    assert rotation(tree.cell) != rotation(tree.cell2)


def test_the_story_of_the_day_stays_the_same_until_it_is_read(tree):
    _library(tree, 3)
    today = date.today()
    first = story_of_period(tree.cell, today)
    assert first.reading is None and story_of_period(tree.cell, today).story == first.story
    s.story_mark_read(actor=tree.secretary_user, unit=tree.cell, on=today)
    after = story_of_period(tree.cell, today)
    assert after.story == first.story and after.reading.read_by == tree.secretary_user
    assert story_of_period(tree.cell, today + timedelta(days=1)).story != first.story


def test_it_refuses_a_second_reading_in_the_same_period(tree):
    _library(tree, 3)
    s.story_mark_read(actor=tree.secretary_user, unit=tree.cell)
    with pytest.raises(DomainError, match="đã được đánh dấu"):
        s.story_mark_read(actor=tree.committee_user, unit=tree.cell)


def test_it_refuses_a_reading_by_someone_without_the_capability_or_with_no_stories(tree):
    with pytest.raises(DomainError, match="chưa có mẩu chuyện"):
        s.story_mark_read(actor=tree.secretary_user, unit=tree.cell)
    _library(tree, 1)
    for user in (tree.member_user, tree.admin_user, tree.other_secretary_user):
        with pytest.raises(DomainError, match="không có quyền"):
            s.story_mark_read(actor=user, unit=tree.cell)
    with pytest.raises(DomainError, match="Chưa đến ngày"):
        s.story_mark_read(
            actor=tree.secretary_user, unit=tree.cell, on=date.today() + timedelta(days=1)
        )


def test_a_weekly_setting_on_an_ancestor_applies_to_the_subtree(tree):
    assert cadence_for(tree.cell) == StoryCadence.DAILY
    StorySetting.objects.create(unit=None, cadence=StoryCadence.WEEKLY)
    assert cadence_for(tree.cell) == StoryCadence.WEEKLY
    s.story_setting_save(actor=tree.propaganda_user, unit=tree.org, cadence=StoryCadence.DAILY)
    assert cadence_for(tree.cell) == StoryCadence.DAILY
    assert cadence_for(tree.cell_b) == StoryCadence.WEEKLY
    _library(tree, 2)
    monday = date(2026, 3, 2)
    s.story_mark_read(actor=tree.other_secretary_user, unit=tree.cell_b, on=monday)
    with pytest.raises(DomainError, match="đã được đánh dấu"):
        s.story_mark_read(
            actor=tree.other_secretary_user, unit=tree.cell_b, on=monday + timedelta(days=4)
        )
    assert StoryReading.objects.get().period == monday


def test_it_refuses_a_setting_from_someone_who_does_not_manage_stories(tree):
    with pytest.raises(DomainError):
        s.story_setting_save(actor=tree.secretary_user, unit=tree.cell, cadence=StoryCadence.WEEKLY)
    with pytest.raises(DomainError, match="nhịp đọc"):
        s.story_setting_save(actor=tree.propaganda_user, unit=tree.cell, cadence="monthly")
