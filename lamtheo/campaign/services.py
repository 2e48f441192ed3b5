"""Writes on the topic library: topics owned by a unit and their study materials."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from lamtheo.campaign.actions import CampaignAction
from lamtheo.campaign.models import Campaign, Topic, TopicKind, TopicMaterial
from lamtheo.campaign.preload import CAMPAIGN_DIRECTIVE, CAMPAIGN_NAME
from lamtheo.core.audit import bump_version, tag
from lamtheo.core.errors import DomainError
from lamtheo.core.uploads import store_upload
from lamtheo.core.vietnamese import nfc
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, can

FIRST_YEAR = 2011


def _text(value: str) -> str:
    """NFC, one space between words, but the line breaks of a summary kept."""
    return "\n".join(nfc(line) for line in value.splitlines()).strip()


LAST_YEAR = 2100


def _may_manage(actor, unit: OrgUnit | None) -> None:
    if unit is None or not can(actor, Capability.MANAGE_TOPICS, unit):
        raise DomainError("Đồng chí không có quyền quản lý chuyên đề của tổ chức đảng này.")


def _check_years(kind: str, year: int, year_end: int | None) -> int | None:
    if kind not in TopicKind.values:
        raise DomainError("Vui lòng chọn loại chuyên đề.", "kind")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(f"Năm phải từ {FIRST_YEAR} đến {LAST_YEAR}.", "year")
    if kind == TopicKind.ANNUAL:
        return None
    if year_end is None or year_end < year:
        raise DomainError(
            "Chuyên đề toàn khóa cần năm kết thúc, không trước năm bắt đầu.", "year_end"
        )
    return year_end


def _campaign() -> Campaign:
    campaign = Campaign.objects.filter(is_active=True).order_by("pk").first()
    return campaign or Campaign.objects.create(name=CAMPAIGN_NAME, directive=CAMPAIGN_DIRECTIVE)


@transaction.atomic
def topic_create(
    *,
    actor,
    unit: OrgUnit,
    kind: str,
    year: int,
    title: str,
    summary: str = "",
    year_end: int | None = None,
) -> Topic:
    _may_manage(actor, unit)
    year_end = _check_years(kind, year, year_end)
    title = nfc(title).strip()
    if not title:
        raise DomainError("Vui lòng nhập tên chuyên đề.", "title")
    if Topic.objects.filter(unit=unit, year=year, kind=kind).exists():
        raise DomainError(
            f"{unit.name} đã có {TopicKind(kind).label.lower()} năm {year}; hãy sửa chuyên đề đó.",
            "year",
        )
    topic = Topic(
        campaign=_campaign(),
        unit=unit,
        kind=kind,
        year=year,
        year_end=year_end,
        title=title,
        summary=_text(summary),
    )
    tag(topic, actor=actor, action=CampaignAction.TOPIC_CREATED, reason="Tạo chuyên đề")
    try:
        with transaction.atomic():
            topic.save()
    except IntegrityError as e:  # a second person created it in the meantime
        raise DomainError(f"{unit.name} đã có chuyên đề này.", "year") from e
    return topic


@transaction.atomic
def topic_update(
    *, actor, topic: Topic, title: str, summary: str, version: int, year_end: int | None = None
) -> Topic:
    _may_manage(actor, topic.unit)
    title = nfc(title).strip()
    if not title:
        raise DomainError("Vui lòng nhập tên chuyên đề.", "title")
    year_end = _check_years(topic.kind, topic.year, year_end)
    bump_version(topic, version)
    topic.title, topic.summary, topic.year_end = title, _text(summary), year_end
    tag(topic, actor=actor, action=CampaignAction.TOPIC_UPDATED, reason="Sửa chuyên đề")
    topic.save()
    return topic


@transaction.atomic
def material_add(*, actor, topic: Topic, title: str, file) -> TopicMaterial:
    """Attach a study material; the file is checked by content (core.uploads)."""
    _may_manage(actor, topic.unit)
    stored = store_upload(actor=actor, file=file)
    material = TopicMaterial(
        topic=topic, title=nfc(title).strip() or stored.original_name, file=stored, added_by=actor
    )
    tag(
        material,
        actor=actor,
        action=CampaignAction.MATERIAL_ADDED,
        reason="Thêm tài liệu học tập",
    )
    material.save()
    return material


@transaction.atomic
def material_remove(*, actor, material: TopicMaterial) -> None:
    _may_manage(actor, material.topic.unit)
    tag(
        material,
        actor=actor,
        action=CampaignAction.MATERIAL_REMOVED,
        reason="Gỡ tài liệu học tập",
    )
    material.delete()
