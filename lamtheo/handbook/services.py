"""Writes on the monthly handbook: filling, submitting, returning, reviewing."""

from __future__ import annotations

import datetime as dt
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from lamtheo.core import figures
from lamtheo.core.audit import bump_version, check_existence_seen, tag
from lamtheo.core.errors import DomainError, StaleRecord
from lamtheo.core.notices import notice_send
from lamtheo.core.periods import add_months, month_label, month_start
from lamtheo.core.vietnamese import nfc
from lamtheo.handbook.actions import HandbookAction
from lamtheo.handbook.models import (
    EntryItem,
    EntryStatus,
    HandbookEntry,
    Progress,
    Rating,
    SelfCheck,
    SelfCheckMark,
)
from lamtheo.orgs.selectors import role_title
from lamtheo.people.models import Person
from lamtheo.people.selectors import cell_of, is_exempt
from lamtheo.pledges.models import Pledge, PledgeItem


def due_date(month: date) -> date:
    """The due day (settings LAMTHEO["HANDBOOK_DUE_DAY"]) in the month after `month`."""
    return add_months(month, 1).replace(day=settings.LAMTHEO["HANDBOOK_DUE_DAY"])


def due_at(month: date) -> dt.datetime:
    """End of the due day in the month after `month`, local time."""
    return timezone.make_aware(dt.datetime.combine(due_date(month), dt.time.max))


def _acting_for(actor, person: Person) -> bool:
    return person.user_id != getattr(actor, "pk", None)


@transaction.atomic
def entry_start(*, actor, person: Person, month: date) -> HandbookEntry:
    month = month_start(month)
    if month > month_start(timezone.localdate()):
        raise DomainError("Chưa đến tháng này nên chưa thể ghi sổ tay.")
    existing = HandbookEntry.objects.filter(person=person, month=month).first()
    if existing is not None:
        return existing
    cell = cell_of(person, month)
    if cell is None:
        raise DomainError(
            f"Trong {month_label(month).lower()} đồng chí không sinh hoạt ở chi bộ nào."
        )
    if is_exempt(person, month):
        raise DomainError(
            "Đồng chí được miễn công tác và sinh hoạt đảng trong tháng này, không phải ghi sổ tay."
        )
    pledge = Pledge.objects.registered().filter(person=person, year=month.year).first()
    if pledge is None:
        raise DomainError(f"Cần nộp bản đăng ký năm {month.year} trước khi ghi sổ tay.")
    entry = HandbookEntry(
        person=person,
        month=month,
        unit=cell,
        pledge=pledge,
        entered_by=actor if _acting_for(actor, person) else None,
    )
    tag(entry, actor=actor, action=HandbookAction.ENTRY_STARTED, reason="Bắt đầu ghi sổ tay tháng")
    entry.save()
    return entry


def entry_claim(*, actor, person: Person, month: date, version: int) -> tuple[HandbookEntry, int]:
    """The entry a form saves into and the version to check it against, as the page saw it.
    Version 0 means the page was built before the month's entry existed: the entry is started
    now, and refused as stale if someone started it meanwhile (their notes are not replaced)."""
    existing = HandbookEntry.objects.filter(person=person, month=month_start(month)).first()
    check_existence_seen(existing, version)
    if existing is not None:
        return existing, version
    try:
        with transaction.atomic():
            entry = entry_start(actor=actor, person=person, month=month)
    except IntegrityError:  # started by someone else between the read and the insert
        raise StaleRecord() from None
    # Started by this call, or in the same instant by another page (entry_start then returns
    # theirs): either way version 1 is claimed once by the conditional UPDATE, and the other
    # save is refused.
    return entry, 1


def _editable(entry: HandbookEntry) -> None:
    if not entry.is_editable_by_member:
        raise DomainError("Sổ tay tháng này đã nộp, không sửa được nữa trừ khi chi bộ trả lại.")


def _mark_proxy(entry: HandbookEntry, actor) -> None:
    if _acting_for(actor, entry.person):
        entry.entered_by = actor


@transaction.atomic
def entry_save_item(
    *, actor, entry: HandbookEntry, item: PledgeItem, progress: str, note: str, version: int
) -> None:
    _editable(entry)
    if item.pledge_id != entry.pledge_id:
        raise DomainError("Việc này không thuộc bản đăng ký của tháng này.")
    if progress not in Progress.values:
        raise DomainError("Vui lòng chọn kết quả thực hiện.", "progress")
    bump_version(entry, version)
    result = EntryItem.objects.filter(entry=entry, item=item).first() or EntryItem(
        entry=entry, item=item
    )
    result.progress, result.note = progress, nfc(note)
    tag(result, actor=actor, action=HandbookAction.RESULT_SAVED, reason="Ghi kết quả thực hiện")
    result.save()
    _mark_proxy(entry, actor)
    tag(
        entry, actor=actor, action=HandbookAction.ENTRY_RESULT_SAVED, reason="Ghi kết quả thực hiện"
    )
    entry.save()


@transaction.atomic
def entry_save_self(
    *, actor, entry: HandbookEntry, self_assessment: str, self_rating: str, version: int
) -> None:
    _editable(entry)
    if self_rating not in Rating.values:
        raise DomainError("Vui lòng chọn mức tự xếp loại.", "self_rating")
    bump_version(entry, version)
    entry.self_assessment, entry.self_rating = nfc(self_assessment), self_rating
    _mark_proxy(entry, actor)
    tag(entry, actor=actor, action=HandbookAction.ENTRY_SELF_ASSESSED, reason="Ghi tự đánh giá")
    entry.save()


def missing_answers(entry: HandbookEntry) -> list[str]:
    """What still has to be filled before the entry can be submitted."""
    answered = set(entry.items.values_list("item_id", flat=True))
    missing = (
        [
            f"Kết quả thực hiện: {i.text[:60]}"
            for i in entry.pledge.items.all()
            if i.pk not in answered
        ]
        if entry.pledge
        else []
    )
    if not entry.self_rating:
        missing.append("Tự đánh giá và tự xếp loại")
    return missing


@transaction.atomic
def entry_submit(*, actor, entry: HandbookEntry, version: int) -> None:
    _editable(entry)
    missing = missing_answers(entry)
    if missing:
        raise DomainError("Chưa đủ nội dung để nộp: " + "; ".join(missing) + ".")
    bump_version(entry, version)
    now = timezone.now()
    if entry.first_submitted_at is None:
        entry.first_submitted_at = now
        entry.on_time = now <= due_at(entry.month)
    entry.submitted_at = now
    entry.status = EntryStatus.SUBMITTED
    _mark_proxy(entry, actor)
    tag(
        entry,
        actor=actor,
        action=HandbookAction.ENTRY_SUBMITTED,
        reason="Nộp sổ tay tháng" + (" (nhập thay)" if _acting_for(actor, entry.person) else ""),
    )
    entry.save()
    figures.cell_month_changed(cell=entry.unit, month=entry.month, source=HandbookEntry)


@transaction.atomic
def entry_return(*, actor, entry: HandbookEntry, comment: str, version: int) -> None:
    if not entry.is_submitted:
        raise DomainError("Chỉ trả lại được sổ tay đã nộp.")
    if not comment.strip():
        raise DomainError("Vui lòng ghi rõ cần bổ sung gì để đảng viên biết.", "comment")
    bump_version(entry, version)
    entry.status = EntryStatus.RETURNED
    entry.return_comment = nfc(comment)
    tag(entry, actor=actor, action=HandbookAction.ENTRY_RETURNED, reason="Chi bộ trả lại sổ tay")
    entry.save()
    figures.cell_month_changed(cell=entry.unit, month=entry.month, source=HandbookEntry)
    _tell_person(
        actor,
        entry,
        f"Sổ tay {month_label(entry.month).lower()} của đồng chí được chi bộ trả lại để bổ "
        f"sung: {entry.return_comment.strip()}",
    )


@transaction.atomic
def entry_review(*, actor, entry: HandbookEntry, comment: str, rating: str, version: int) -> None:
    if not entry.is_submitted:
        raise DomainError("Chỉ nhận xét được sổ tay đã nộp.")
    if rating not in Rating.values:
        raise DomainError("Vui lòng chọn mức xếp loại của chi bộ.", "rating")
    bump_version(entry, version)
    entry.status = EntryStatus.REVIEWED
    entry.review_comment, entry.review_rating = nfc(comment), rating
    entry.reviewed_by, entry.reviewed_at = actor, timezone.now()
    tag(entry, actor=actor, action=HandbookAction.ENTRY_REVIEWED, reason="Chi bộ nhận xét sổ tay")
    entry.save()
    figures.cell_month_changed(cell=entry.unit, month=entry.month, source=HandbookEntry)
    comment = entry.review_comment.strip()
    _tell_person(
        actor,
        entry,
        f"Sổ tay {month_label(entry.month).lower()} của đồng chí đã được chi bộ nhận xét, "
        f"xếp loại \u201c{entry.get_review_rating_display()}\u201d."
        + (f" Nhận xét: {comment}" if comment else ""),
    )


def _tell_person(actor, entry: HandbookEntry, text: str) -> None:
    """The person hears of the decision on their month, in the app and by e-mail (after
    the commit), from whoever decided it."""
    notice_send(
        actor=actor,
        users=[entry.person.user],
        text=text,
        url=reverse("handbook:month", args=[entry.person_id, entry.month]),
        subject=f"Sổ tay {month_label(entry.month).lower()}",
        sender_title=role_title(actor, entry.unit),
    )


@transaction.atomic
def selfcheck_save(
    *,
    actor,
    person: Person,
    month: date,
    manifestation_ids: list[int],
    correction: str,
    version: int,
) -> SelfCheck:
    """Record which of the 27 manifestations the person recognizes in themselves this month
    and what they will correct. Only the person may write it: it is their own reflection,
    never entered on their behalf. The cell's counts change in the same transaction."""
    from lamtheo.campaign.models import Manifestation

    if person.user_id is None or person.user_id != getattr(actor, "pk", None):
        raise DomainError("Chỉ chính đảng viên mới ghi được phần tự soi, tự sửa của mình.")
    month = month_start(month)
    if month > month_start(timezone.localdate()):
        raise DomainError("Chưa đến tháng này nên chưa thể tự soi, tự sửa.")
    entry = HandbookEntry.objects.filter(person=person, month=month).first()
    if entry is not None and not entry.is_editable_by_member:
        raise DomainError(
            "Sổ tay tháng này đã nộp nên phần tự soi, tự sửa không sửa được nữa "
            "trừ khi chi bộ trả lại."
        )
    wanted = set(
        Manifestation.objects.filter(pk__in=manifestation_ids).values_list("pk", flat=True)
    )
    if len(wanted) != len(set(manifestation_ids)):
        raise DomainError(
            "Có biểu hiện không có trong danh sách; vui lòng tải lại trang.", "manifestations"
        )
    check = SelfCheck.objects.filter(person=person, month=month).first()
    check_existence_seen(check, version)
    if check is None:
        cell = entry.unit if entry else cell_of(person, month)
        if cell is None:
            raise DomainError(
                f"Trong {month_label(month).lower()} đồng chí không sinh hoạt ở chi bộ nào."
            )
        check = SelfCheck(person=person, month=month, unit=cell)
    else:
        bump_version(check, version)
    check.correction = "\n".join(nfc(line) for line in correction.splitlines()).strip()
    tag(check, actor=actor, action=HandbookAction.SELFCHECK_SAVED, reason="Ghi tự soi, tự sửa")
    try:
        with transaction.atomic():
            check.save()
    except IntegrityError:  # the same month written meanwhile from another page
        raise StaleRecord() from None
    _sync_marks(actor, check, wanted)
    figures.cell_month_changed(cell=check.unit, month=month, source=SelfCheck)
    return check


def _sync_marks(actor, check: SelfCheck, wanted: set[int]) -> None:
    existing = {m.manifestation_id: m for m in check.marks.all()}
    for mid, mark in existing.items():
        if mid not in wanted:
            tag(
                mark,
                actor=actor,
                action=HandbookAction.MARK_REMOVED,
                reason="Bỏ đánh dấu biểu hiện",
            )
            mark.delete()
    for mid in sorted(wanted - existing.keys()):
        mark = SelfCheckMark(selfcheck=check, manifestation_id=mid)
        tag(mark, actor=actor, action=HandbookAction.MARK_ADDED, reason="Đánh dấu biểu hiện")
        mark.save()
