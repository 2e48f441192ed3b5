"""Records for the formalism signals' tests, written straight into the tables (the signals
only read them): a cell of ordinary members, and each kind of formalism planted in a cell."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from lamtheo.handbook.models import EntryItem, EntryStatus, HandbookEntry, Rating
from lamtheo.inspections.signals.models import Signal, SignalKind
from lamtheo.learning.meetings.models import CellMeeting
from lamtheo.orgs.models import OrgUnit
from lamtheo.pledges.models import ContentArea, Pledge, PledgeItem, PledgeStatus
from lamtheo.tests.helpers import make_person

YEAR = timezone.localdate().year - 1
MONTHS = [date(YEAR, m, 1) for m in range(1, 7)]
RATINGS = [Rating.EXCELLENT, Rating.GOOD, Rating.GOOD, Rating.DONE, Rating.GOOD, Rating.DONE]
WORDS = "hồ sơ lớp học bệnh nhân tuyến đường kho lưu trữ phiếu hẹn sổ trực ca đêm vườn ươm".split()


def at(day: date, hour: int = 9, minute: int = 0, second: int = 0) -> datetime:
    tz = timezone.get_current_timezone()
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz)


def own_words(i: int, m: int) -> str:
    """An ordinary person's own note: different for each person and month."""
    a, b = WORDS[(i * 3 + m) % len(WORDS)], WORDS[(i * 5 + m * 7) % len(WORDS)]
    return f"Tháng {m}, đồng chí số {i} đã xử lý {i * 7 + m * 3} {a} và rà soát {m + i} {b}."


def ordinary_cell(code: str, parent: OrgUnit, n: int = 6) -> dict:
    """A cell whose members write their own notes and registrations, submit on time, are
    reviewed one by one with different comments and meet every month with new minutes."""
    from lamtheo.orgs.services import unit_create

    cell = unit_create(code=code, name=f"Chi bộ {code}", kind="cell", parent=parent)
    area = ContentArea.objects.first() or ContentArea.objects.create(title="Nội dung", order=0)
    people = [
        make_person(f"{code}{i:02d}", f"Nguyễn Văn {chr(65 + i)}", cell, with_user=False)
        for i in range(n)
    ]
    pledges = []
    for i, p in enumerate(people):
        pledge = Pledge.objects.create(
            person=p, year=YEAR, unit=cell, status=PledgeStatus.ACCEPTED,
            submitted_at=at(date(YEAR, 1, 5)),
        )  # fmt: skip
        for k in range(3):
            PledgeItem.objects.create(
                pledge=pledge, area=area, order=k, is_specific=k != 2,
                text=f"Hướng dẫn {10 + i * 3 + k} {WORDS[(i + k) % len(WORDS)]} mỗi quý "
                f"theo quy trình của đơn vị, người số {i}, việc {k}",
            )  # fmt: skip
        pledges.append(pledge)
    entries = []
    for m, month in enumerate(MONTHS):
        for i, p in enumerate(people):
            submitted = at(month.replace(day=25) if m == 0 else month + timedelta(days=26), 8 + i)
            e = HandbookEntry.objects.create(
                person=p, month=month, unit=cell, pledge=pledges[i], status=EntryStatus.REVIEWED,
                self_assessment=own_words(i, m), self_rating=RATINGS[(i + m) % len(RATINGS)],
                first_submitted_at=submitted, submitted_at=submitted, on_time=True,
                review_rating=RATINGS[(i + m + 1) % len(RATINGS)],
                review_comment=f"Đồng chí đã làm tốt việc {WORDS[(i + m) % len(WORDS)]}.",
                reviewed_at=submitted + timedelta(days=2, minutes=7 * i),
            )  # fmt: skip
            for item in pledges[i].items.all():
                EntryItem.objects.create(entry=e, item=item, progress="done", note=own_words(m, i))
            entries.append(e)
        CellMeeting.objects.create(
            unit=cell, month=month, held_on=month + timedelta(days=5), place="Hội trường",
            proceedings=f"Chi bộ kiểm điểm việc tháng {m + 1}: " + own_words(m, 9),
            conclusion=f"Giao {m + 2} việc cho tháng sau: " + own_words(9, m),
        )  # fmt: skip
    return {"cell": cell, "people": people, "pledges": pledges, "entries": entries}


def entries_of(world: dict, month: date) -> list[HandbookEntry]:
    return [e for e in world["entries"] if e.month == month]


def plant(kind: str, world: dict) -> None:
    """Plant one kind of formalism into an ordinary cell."""
    month = MONTHS[2]
    these = entries_of(world, month)
    if kind == SignalKind.NOTES_COPIED:
        for e in these[:4]:  # four members hand in the same month, spelt a little differently
            text = "Đã thực hiện tốt các nội dung đăng ký, gương mẫu trong công tác chuyên môn"
            e.self_assessment = text.upper() if e.pk % 2 else text + "!"
            e.save(update_fields=["self_assessment"])
            e.items.update(note="")
    elif kind == SignalKind.PLEDGES_COPIED:
        for pledge in world["pledges"][:3]:
            for k, item in enumerate(pledge.items.all()):
                item.text = f"Tiếp nhận và trả kết quả hồ sơ đất đai đúng hẹn, việc số {k}"
                item.save(update_fields=["text"])
    elif kind == SignalKind.REVIEW_BURST:
        start = at(month + timedelta(days=28), 15)
        for i, e in enumerate(these):
            e.review_comment, e.reviewed_at = "Đồng ý.", start + timedelta(seconds=3 * i)
            e.save(update_fields=["review_comment", "reviewed_at"])
    elif kind == SignalKind.BACKFILL:
        p = world["people"][0]
        day = at(date(YEAR, 7, 20), 21)
        for e in world["entries"]:
            if e.person_id == p.pk and e.month >= MONTHS[2]:
                e.first_submitted_at = e.submitted_at = day
                e.on_time = False
                e.save(update_fields=["first_submitted_at", "submitted_at", "on_time"])
    elif kind == SignalKind.ALL_TOP:
        HandbookEntry.objects.filter(pk__in=[e.pk for e in these]).update(
            self_rating=Rating.EXCELLENT, review_rating=Rating.EXCELLENT
        )
    elif kind == SignalKind.MINUTES_SAME:
        before = CellMeeting.objects.get(unit=world["cell"], month=MONTHS[1])
        CellMeeting.objects.filter(unit=world["cell"], month=month).update(
            proceedings=before.proceedings.upper(), conclusion=before.conclusion
        )
    elif kind == SignalKind.VAGUE_SHARE:
        PledgeItem.objects.filter(pledge__in=world["pledges"]).update(is_specific=False)


def planted_signal(cell: OrgUnit) -> Signal:
    """A stored signal for the pages' walk (as compute_signals would store it)."""
    return Signal.objects.create(
        unit=cell, path=cell.path, year=timezone.localdate().year,
        month=date(timezone.localdate().year, 1, 1), kind=SignalKind.ALL_TOP, score=1.0,
        count=4, total=4, evidence={"self": [2, 2], "review": [2, 2]},
        computed_at=timezone.now(),
    )  # fmt: skip
