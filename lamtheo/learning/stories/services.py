"""Writes on the story library, the units' cadence and the readings at briefings."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from lamtheo.core.audit import bump_version, tag
from lamtheo.core.errors import DomainError
from lamtheo.core.vietnamese import nfc
from lamtheo.learning.stories.actions import StoryAction
from lamtheo.learning.stories.models import Story, StoryCadence, StoryReading, StorySetting
from lamtheo.learning.stories.selectors import (
    cadence_for,
    next_in_rotation,
    period_of,
    story_search_key,
)
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, can, has_any


def _check_text(title: str, text: str, source: str) -> None:
    if not title:
        raise DomainError("Vui lòng nhập tiêu đề mẩu chuyện.", "title")
    if not text:
        raise DomainError("Vui lòng nhập nội dung mẩu chuyện.", "text")
    if not source:
        raise DomainError("Vui lòng ghi nguồn của mẩu chuyện.", "source")


def _clean_tags(tags: str) -> str:
    return ", ".join(t.strip() for t in nfc(tags).split(",") if t.strip())


def _may_manage(actor) -> None:
    if not has_any(actor, Capability.MANAGE_STORIES):
        raise DomainError("Đồng chí không có quyền quản lý thư viện mẩu chuyện.")


@transaction.atomic
def story_create(*, actor, title: str, text: str, source: str, tags: str = "") -> Story:
    _may_manage(actor)
    title, text, source = nfc(title).strip(), nfc(text).strip(), nfc(source).strip()
    _check_text(title, text, source)
    story = Story(title=title, text=text, source=source, tags=_clean_tags(tags))
    story.search_key = story_search_key(story.title, story.text, story.tags)
    tag(story, actor=actor, action=StoryAction.STORY_CREATED, reason="Thêm mẩu chuyện")
    story.save()
    return story


@transaction.atomic
def story_update(
    *,
    actor,
    story: Story,
    version: int,
    title: str,
    text: str,
    source: str,
    tags: str = "",
    is_active: bool = True,
) -> Story:
    _may_manage(actor)
    title, text, source = nfc(title).strip(), nfc(text).strip(), nfc(source).strip()
    _check_text(title, text, source)
    bump_version(story, version)
    story.title, story.text, story.source = title, text, source
    story.tags, story.is_active = _clean_tags(tags), is_active
    story.search_key = story_search_key(story.title, story.text, story.tags)
    tag(story, actor=actor, action=StoryAction.STORY_UPDATED, reason="Sửa mẩu chuyện")
    story.save()
    return story


@transaction.atomic
def story_setting_save(*, actor, unit: OrgUnit, cadence: str) -> StorySetting:
    if not can(actor, Capability.MANAGE_STORIES, unit):
        raise DomainError("Đồng chí không có quyền cài đặt mẩu chuyện cho đơn vị này.")
    if cadence not in StoryCadence.values:
        raise DomainError("Vui lòng chọn nhịp đọc mẩu chuyện.", "cadence")
    setting = StorySetting.objects.filter(unit=unit).first() or StorySetting(unit=unit)
    setting.cadence = cadence
    tag(
        setting,
        actor=actor,
        action=StoryAction.SETTING_SAVED,
        reason="Cài đặt nhịp đọc mẩu chuyện",
    )
    setting.save()
    return setting


@transaction.atomic
def story_mark_read(*, actor, unit: OrgUnit, on: date | None = None) -> StoryReading:
    """Record that the unit read its story of the day (or week) at the briefing."""
    if not can(actor, Capability.READ_STORIES, unit):
        raise DomainError("Đồng chí không có quyền ghi nhận buổi thông tin đầu giờ của đơn vị này.")
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise DomainError("Chưa đến ngày này nên chưa thể đánh dấu đã đọc.")
    period = period_of(cadence_for(unit), on)
    if StoryReading.objects.filter(unit=unit, period=period).exists():
        raise DomainError("Mẩu chuyện của kỳ này đã được đánh dấu đã đọc.")
    story_id, cycle = next_in_rotation(unit)
    if story_id is None:
        raise DomainError("Thư viện chưa có mẩu chuyện nào đang dùng.")
    try:
        with transaction.atomic():
            return StoryReading.objects.create(
                unit=unit, story_id=story_id, period=period, cycle=cycle, read_on=on, read_by=actor
            )
    except IntegrityError as e:  # two people clicked at once
        raise DomainError("Mẩu chuyện của kỳ này vừa được người khác đánh dấu đã đọc.") from e
