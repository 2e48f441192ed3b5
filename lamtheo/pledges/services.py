"""Writes on registrations: each state change is one function, atomic and audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lamtheo.core import figures
from lamtheo.core.audit import bump_version, check_existence_seen, tag, tag_all
from lamtheo.core.errors import DomainError
from lamtheo.core.notices import notice_send
from lamtheo.core.vietnamese import nfc
from lamtheo.orgs.selectors import role_title
from lamtheo.people.models import Person
from lamtheo.pledges.actions import PledgeAction
from lamtheo.pledges.models import REGISTERED, ContentArea, Pledge, PledgeItem, PledgeStatus


@dataclass
class ItemInput:
    area: ContentArea
    text: str
    target: str = ""
    timeframe: str = ""
    id: int | None = None  # an existing item being edited


def _lines(text: str) -> str:
    """A comment as typed, line by line (each line normalized, empty lines dropped): a
    return with hints gives one line per item."""
    return "\n".join(line for line in (nfc(x) for x in text.splitlines()) if line)


def _is_specific(item: ItemInput, duties: str) -> bool | None:
    try:
        from lamtheo.pledges.quality import assess
    except ImportError:  # the checker ships separately; without it we record "unknown"
        return None
    return assess(" ".join([item.text, item.target, item.timeframe]), duties).specific


@transaction.atomic
def pledge_start(*, actor, person: Person, year: int) -> Pledge:
    if person.cell is None:
        raise DomainError("Đồng chí chưa được xếp vào chi bộ nào nên chưa thể đăng ký.")
    why = "Bắt đầu viết bản đăng ký"
    with tag_all(actor=actor, action=PledgeAction.PLEDGE_STARTED, reason=why):
        pledge, _ = Pledge.objects.get_or_create(
            person=person, year=year, defaults={"unit": person.cell}
        )
    return pledge


def pledge_claim(*, actor, person: Person, year: int, version: int) -> tuple[Pledge, int]:
    """The registration a form saves into and the version to check it against, as the page saw
    it. Version 0 means the page was built before the registration existed: it is started now,
    and refused as stale if it exists meanwhile (someone else's items are not replaced)."""
    existing = Pledge.objects.filter(person=person, year=year).first()
    check_existence_seen(existing, version)
    if existing is not None:
        return existing, version
    pledge = pledge_start(actor=actor, person=person, year=year)
    # Started by this call, or in the same instant by another page: either way version 1 is
    # claimed once by the conditional UPDATE, and the other save is refused.
    return pledge, 1


@transaction.atomic
def pledge_save_items(*, actor, pledge: Pledge, items: list[ItemInput], version: int) -> None:
    if not pledge.is_editable_by_member:
        raise DomainError("Bản đăng ký đã nộp, không sửa được nữa trừ khi chi bộ trả lại.")
    if not any(i.text.strip() for i in items):
        raise DomainError("Bản đăng ký cần ít nhất một việc làm cụ thể.", "items")
    bump_version(pledge, version)
    existing = {i.pk: i for i in pledge.items.all()}
    kept = {i.id for i in items if i.id in existing and i.text.strip()}
    dropped = [pk for pk in existing if pk not in kept]
    if PledgeItem.objects.filter(pk__in=dropped, results__isnull=False).exists():
        raise DomainError(
            "Không xóa được việc đã có kết quả ghi trong sổ tay; "
            "đồng chí có thể sửa nội dung của việc đó.",
            "items",
        )
    why = "Sửa nội dung bản đăng ký"
    with tag_all(actor=actor, action=PledgeAction.ITEM_REMOVED, reason=why):
        PledgeItem.objects.filter(pk__in=dropped).delete()
    duties = pledge.person.duty
    for order, i in enumerate(x for x in items if x.text.strip()):
        item = existing.get(i.id) if i.id in kept else PledgeItem(pledge=pledge)
        item.area, item.order = i.area, order
        item.text, item.target, item.timeframe = nfc(i.text), nfc(i.target), nfc(i.timeframe)
        item.is_specific = _is_specific(i, duties)
        action = PledgeAction.ITEM_EDITED if item.pk else PledgeAction.ITEM_ADDED
        tag(item, actor=actor, action=action, reason=why)
        item.save()
    tag(pledge, actor=actor, action=PledgeAction.PLEDGE_EDITED, reason=why)
    pledge.save()


def _change_state(
    pledge: Pledge,
    *,
    actor,
    version: int,
    allowed: tuple,
    to: str,
    action: PledgeAction,
    reason: str,
    refusal: str,
    **fields,
) -> None:
    if pledge.status not in allowed:
        raise DomainError(refusal)
    bump_version(pledge, version)
    pledge.status = to
    for name, value in fields.items():
        setattr(pledge, name, value)
    tag(pledge, actor=actor, action=action, reason=reason)
    pledge.save()
    figures.person_year_changed(person_id=pledge.person_id, year=pledge.year, source=Pledge)


@transaction.atomic
def pledge_submit(*, actor, pledge: Pledge, version: int) -> None:
    if not pledge.items.exists():
        raise DomainError("Bản đăng ký cần ít nhất một việc làm cụ thể trước khi nộp.", "items")
    _change_state(
        pledge,
        actor=actor,
        version=version,
        to=PledgeStatus.SUBMITTED,
        allowed=(PledgeStatus.DRAFT, PledgeStatus.RETURNED),
        action=PledgeAction.PLEDGE_SUBMITTED,
        reason="Nộp bản đăng ký",
        refusal="Bản đăng ký này đã được nộp.",
        submitted_at=timezone.now(),
    )


def _not_own(actor, pledge: Pledge) -> None:
    from lamtheo.pledges.selectors import is_own_work

    if is_own_work(actor, pledge.person):
        raise DomainError(
            "Đồng chí không tự xem xét bản đăng ký của chính mình: bản đăng ký này do phó bí thư "
            "chi bộ, hoặc cấp ủy cấp trên khi chi bộ không có phó bí thư, xem xét."
        )


@transaction.atomic
def pledge_accept(*, actor, pledge: Pledge, version: int, comment: str = "") -> None:
    _not_own(actor, pledge)
    _change_state(
        pledge,
        actor=actor,
        version=version,
        to=PledgeStatus.ACCEPTED,
        allowed=(PledgeStatus.SUBMITTED,),
        action=PledgeAction.PLEDGE_ACCEPTED,
        reason="Chi bộ thông qua bản đăng ký",
        refusal="Chỉ thông qua được bản đăng ký đã nộp và đang chờ xem xét.",
        decided_at=timezone.now(),
        decided_by=actor,
        decision_comment=nfc(comment),
    )
    text = f"Bản đăng ký năm {pledge.year} của đồng chí đã được chi bộ thông qua."
    _tell_person(actor, pledge, text + (f" Ý kiến của chi bộ: {nfc(comment).strip()}"
                                        if comment.strip() else ""))  # fmt: skip


@transaction.atomic
def pledge_return(*, actor, pledge: Pledge, version: int, comment: str) -> None:
    _not_own(actor, pledge)
    if not comment.strip():
        raise DomainError("Vui lòng ghi rõ cần sửa gì để đảng viên biết.", "comment")
    _change_state(
        pledge,
        actor=actor,
        version=version,
        to=PledgeStatus.RETURNED,
        allowed=REGISTERED,
        action=PledgeAction.PLEDGE_RETURNED,
        reason="Chi bộ trả lại bản đăng ký",
        refusal="Chỉ trả lại được bản đăng ký đã nộp.",
        decided_at=timezone.now(),
        decided_by=actor,
        decision_comment=_lines(comment),
    )
    # The notice is one sentence; the registration's page shows the comment line by line.
    _tell_person(
        actor,
        pledge,
        f"Bản đăng ký năm {pledge.year} của đồng chí được chi bộ trả lại để bổ sung, "
        f"chỉnh sửa: {nfc(comment).strip()}",
    )


def _tell_person(actor, pledge: Pledge, text: str) -> None:
    """The person hears of the decision on their registration, in the app and by e-mail
    (after the commit), from whoever decided it."""
    notice_send(
        actor=actor,
        users=[pledge.person.user],
        text=text,
        url=reverse("pledges:mine", args=[pledge.year]),
        subject=f"Bản đăng ký năm {pledge.year}",
        sender_title=role_title(actor, pledge.unit),
    )


# --- public action programmes of key leaders (seed 004) ---------------------------------


def _may_publish(actor, unit) -> None:
    from lamtheo.orgs.scope import Capability, can

    if not can(actor, Capability.PUBLISH_PROGRAMMES, unit):
        raise DomainError(
            "Đồng chí không có quyền công khai chương trình hành động của tổ chức đảng này."
        )


@transaction.atomic
def programme_publish(*, actor, unit, pledge: Pledge):
    """Make a registration public at `unit`. Only an accepted registration: the cell has
    checked that its items are concrete before anyone outside the cell reads them, and a
    registration that is returned later drops off the public page until accepted again."""
    from lamtheo.pledges.models import Publication
    from lamtheo.pledges.selectors import is_programme_candidate

    _may_publish(actor, unit)
    if pledge.status != PledgeStatus.ACCEPTED:
        raise DomainError("Chỉ công khai được bản đăng ký đã được chi bộ thông qua.")
    if not is_programme_candidate(unit, pledge):
        raise DomainError(
            f"{pledge.person.full_name} không giữ chức vụ ở {unit.name} và "
            "không sinh hoạt trong đơn vị này."
        )
    publication = Publication.objects.select_for_update().filter(unit=unit, pledge=pledge).first()
    if publication is not None and publication.is_published:
        raise DomainError(
            f"Chương trình hành động của {pledge.person.full_name} đã được công khai."
        )
    publication = publication or Publication(unit=unit, pledge=pledge)
    publication.is_published = True
    publication.published_by, publication.published_at = actor, timezone.now()
    tag(
        publication,
        actor=actor,
        action=PledgeAction.PROGRAMME_PUBLISHED,
        reason="Công khai chương trình hành động",
    )
    publication.save()
    return publication


@transaction.atomic
def programme_unpublish(*, actor, publication) -> None:
    _may_publish(actor, publication.unit)
    if not publication.is_published:
        raise DomainError("Chương trình hành động này đã thôi công khai.")
    publication.is_published = False
    tag(
        publication,
        actor=actor,
        action=PledgeAction.PROGRAMME_UNPUBLISHED,
        reason="Thôi công khai chương trình hành động",
    )
    publication.save()
