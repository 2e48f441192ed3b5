"""Planted formalism in four cells of the demo committee's organization (not the demo
secretary's cell), then the signals computed as the nightly job would: `capuy` finds them
on /kiem-tra/dau-hieu/. The records are changed in place (QuerySet.update, as the bulk
insert wrote them, without history): they stand for what careless writing leaves behind.

- the first cell: four members hand in the same month in the same words;
- a cell with minutes: its last meeting's minutes copy the one before, a word changed;
- the second: every self-rating and every rating of a month "Hoàn thành xuất sắc", the
  reviews given in one burst of seconds with the same comment;
- the third: one member hands in four late months on one evening; three registrations
  share their items word for word;
- the fourth: every registration item is the vague kind.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.db.models import Count
from django.utils import timezone

from lamtheo.demo.data.texts import VAGUE_ITEMS
from lamtheo.handbook.models import EntryItem, HandbookEntry, Rating, submitted_q
from lamtheo.inspections.signals.compute import compute
from lamtheo.learning.meetings.models import CellMeeting
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.tree import subtree_q
from lamtheo.pledges.models import PledgeItem, registered_q
from lamtheo.pledges.quality import assess

COPIED_NOTE = (
    "Thực hiện tốt các nội dung đã đăng ký, giữ gìn phẩm chất đạo đức, lối sống, "
    "hoàn thành nhiệm vụ được giao"
)
COPIED_ITEMS = [
    "Học tập và làm theo tấm gương đạo đức Hồ Chí Minh trong công việc hằng ngày của khoa",
    "Rèn luyện tác phong làm việc khoa học, đúng giờ, tận tụy với người bệnh của khoa",
    "Giữ gìn đoàn kết nội bộ, giúp đỡ đồng nghiệp cùng tiến bộ trong khoa",
]
BURST_COMMENT = "Đồng ý với tự đánh giá."


def _at(day: date, hour: int, second: int = 0) -> datetime:
    return datetime.combine(day, time(hour, 0, second), tzinfo=timezone.get_current_timezone())


def load(*, year: int, months: list[date], today: date) -> int:
    committee = User.objects.get(username="capuy")
    secretary = User.objects.get(username="bithu")
    org = OrgUnit.objects.get(roles__user=committee, roles__kind="committee")
    own = secretary.person.cell_id
    month = months[-3] if len(months) >= 3 else months[0]
    busy = (
        HandbookEntry.objects.filter(submitted_q(), subtree_q(org.path, "unit__path"), month=month)
        .exclude(unit_id=own)
        .values("unit_id")
        .annotate(n=Count("id"))
        .filter(n__gte=5)
        .order_by("-n", "unit_id")
        .values_list("unit_id", flat=True)
    )
    cells = list(busy[:4])
    if len(cells) < 4:
        return 0
    copied, rated, late, vague = cells
    entries = HandbookEntry.objects.filter(month=month)
    # 1. Copied notes, and minutes copied from the month before.
    four = list(entries.filter(submitted_q(), unit_id=copied).values_list("pk", flat=True)[:4])
    HandbookEntry.objects.filter(pk__in=four).update(self_assessment=COPIED_NOTE)
    EntryItem.objects.filter(entry_id__in=four).update(note="")
    _copied_minutes(org, own)
    # 2. Everyone at the top, reviewed in one burst.
    top = entries.filter(submitted_q(), unit_id=rated)
    top.update(self_rating=Rating.EXCELLENT)
    reviewed = list(top.exclude(review_rating="").order_by("pk"))
    start = _at(min(month + timedelta(days=40), today - timedelta(days=1)), 16)
    for i, e in enumerate(reviewed):
        HandbookEntry.objects.filter(pk=e.pk).update(
            review_rating=Rating.EXCELLENT, review_comment=BURST_COMMENT,
            reviewed_at=max(start, e.submitted_at) + timedelta(seconds=4 * i),
        )  # fmt: skip
    # 3. Four late months in one evening; three registrations alike.
    person = (
        HandbookEntry.objects.filter(submitted_q(), unit_id=late, entered_by__isnull=True)
        .values("person_id").annotate(n=Count("id")).filter(n__gte=4)
        .order_by("person_id").values_list("person_id", flat=True).first()
    )  # fmt: skip
    if person is not None:
        theirs = HandbookEntry.objects.filter(person_id=person, unit_id=late).order_by("-month")[:4]
        last = max(e.month for e in theirs)
        evening = _at(min(last + timedelta(days=45), today - timedelta(days=1)), 21)
        HandbookEntry.objects.filter(pk__in=[e.pk for e in theirs]).update(
            first_submitted_at=evening, submitted_at=evening, on_time=False
        )
    pledges = list(
        PledgeItem.objects.filter(registered_q("pledge__"), pledge__unit_id=late, pledge__year=year)
        .values_list("pledge_id", flat=True).distinct().order_by("pledge_id")[:3]
    )  # fmt: skip
    for pledge in pledges:
        for item, text in zip(
            PledgeItem.objects.filter(pledge_id=pledge).order_by("order"), COPIED_ITEMS,
            strict=False,
        ):  # fmt: skip
            PledgeItem.objects.filter(pk=item.pk).update(
                text=text, target="", timeframe="", is_specific=assess(text).specific
            )
    # 4. Every item vague.
    for i, item in enumerate(
        PledgeItem.objects.filter(
            registered_q("pledge__"), pledge__unit_id=vague, pledge__year=year
        )
    ):
        pool = VAGUE_ITEMS[i % 3]
        PledgeItem.objects.filter(pk=item.pk).update(
            text=pool[i % len(pool)], target="", timeframe="", is_specific=False
        )
    counts = compute(year=year)
    if today.year != year:
        return sum(counts.values()) + sum(compute(year=today.year).values())
    return sum(counts.values())


def _copied_minutes(org: OrgUnit, own: int) -> None:
    """The last two held meetings of a cell (with minutes, other than the demo secretary's)
    written alike: the second copies the first, a word changed."""
    cell = (
        CellMeeting.objects.held()
        .filter(subtree_q(org.path, "unit__path"))
        .exclude(unit_id=own)
        .values("unit_id")
        .annotate(n=Count("id"))
        .filter(n__gte=2)
        .order_by("unit_id")
        .values_list("unit_id", flat=True)
        .first()
    )
    if cell is None:
        return
    before, after = CellMeeting.objects.held().filter(unit_id=cell).order_by("-held_on")[:2][::-1]
    name = OrgUnit.objects.get(pk=cell).name
    proceedings = (
        f"Đồng chí Bí thư quán triệt nội dung sinh hoạt; {name} thảo luận việc học tập và làm "
        "theo trong tháng, các đồng chí đảng viên phát biểu ý kiến, thống nhất cao."
    )
    conclusion = (
        "Chi bộ cơ bản hoàn thành nhiệm vụ trong tháng; tháng tới tiếp tục thực hiện tốt các "
        "nội dung đã đăng ký."
    )
    CellMeeting.objects.filter(pk=before.pk).update(proceedings=proceedings, conclusion=conclusion)
    CellMeeting.objects.filter(pk=after.pk).update(
        proceedings=proceedings.replace("thống nhất cao", "thống nhất rất cao"),
        conclusion=conclusion,
    )
