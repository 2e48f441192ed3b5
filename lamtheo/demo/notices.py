"""What the demo secretary's cell has been told, and what comes next: the notices of the
decisions on its members' registrations and months (as pledges.services and
handbook.services word them, from whoever decided, at the time of the decision; the older
ones read, the recent ones not), a cell meeting announced for the coming days through
learning.meetings.services (its invitations are that service's notices), and the place name
of the top unit's documents set through orgs.services.unit_settings_save.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from lamtheo.core.models import Notice
from lamtheo.core.periods import month_label
from lamtheo.handbook.models import EntryStatus, HandbookEntry
from lamtheo.learning.meetings.models import MeetingKind
from lamtheo.learning.meetings.services import AnnouncementInput, meeting_announce
from lamtheo.orgs.models import OrgUnit, Role, RoleKind
from lamtheo.orgs.selectors import role_title
from lamtheo.orgs.services import unit_settings_save
from lamtheo.pledges.models import Pledge, PledgeStatus
from lamtheo.pledges.selectors import reviewers_of

DOCUMENT_PLACE = "Nha Trang"  # the province's city, printed before the date of the minutes
RECENT_DAYS = 10  # decisions older than this were read by their person
AGENDA = (  # one line an item, as a secretary writes it; the notice joins them into one
    "Đánh giá kết quả thực hiện nhiệm vụ chính trị và sổ tay học tập, làm theo Bác tháng "
    "{month};\nSinh hoạt chuyên đề: kể chuyện về tấm gương đạo đức Hồ Chí Minh, liên hệ việc "
    "làm của khoa;\nTriển khai nhiệm vụ trọng tâm tháng tới."
)


def load(*, root: OrgUnit, months: list[date], today: date, secretary_username: str,
         admin_username: str) -> dict[str, int]:  # fmt: skip
    """Returns how many notices of each kind were written."""
    secretary = User.objects.select_related("person__cell").get(username=secretary_username)
    cell = secretary.person.cell
    admin = User.objects.get(username=admin_username)
    unit_settings_save(actor=admin, unit=root, document_place=DOCUMENT_PLACE)
    decisions = _decision_notices(cell, months, today)
    _, invited = meeting_announce(actor=secretary, unit=cell, data=_announcement(months, today))
    return {"thông báo quyết định": decisions, "thông báo triệu tập": invited}


def meeting_day(today: date) -> date:
    """The regular meeting: the third working day from today."""
    day, left = today, 3
    while left:
        day += timedelta(days=1)
        left -= day.weekday() < 5
    return day


def _announcement(months: list[date], today: date) -> AnnouncementInput:
    return AnnouncementInput(
        kind=MeetingKind.REGULAR,
        held_on=meeting_day(max(today, timezone.localdate())),  # never in the past
        starts_at=time(14, 0),
        place="Phòng họp giao ban khoa, tầng 2",
        agenda=AGENDA.format(month=f"{months[-1]:%m/%Y}" if months else ""),
    )


def _decision_notices(cell: OrgUnit, months: list[date], today: date) -> int:
    """The decisions of the last two demo months in the cell, and every returned month (a
    member must know what to complete), told to their person."""
    recent = months[-2:]
    entries = HandbookEntry.objects.filter(unit=cell).filter(
        status__in=[EntryStatus.RETURNED, EntryStatus.REVIEWED]
    ).select_related("person__user", "reviewed_by")  # fmt: skip
    pledges = Pledge.objects.filter(
        unit=cell, status__in=[PledgeStatus.ACCEPTED, PledgeStatus.RETURNED],
        decided_by__isnull=False, year=months[-1].year if months else today.year,
    ).select_related("person__user", "decided_by")  # fmt: skip
    titles: dict[int, str] = {}
    rows = []
    for e in entries:
        if e.person.user is None:
            continue
        if e.status == EntryStatus.RETURNED:
            # Returned by the secretary (or, for her own month, whoever reviews it).
            by = e.reviewed_by or _cell_reviewer(cell, e.person.user_id)
            at = _after(e.submitted_at, days=2)
            text = (f"Sổ tay {month_label(e.month).lower()} của đồng chí được chi bộ trả lại để "
                    f"bổ sung: {e.return_comment.strip()}")  # fmt: skip
        elif e.month in recent and e.reviewed_by is not None:
            by, at = e.reviewed_by, e.reviewed_at
            comment = e.review_comment.strip()
            text = (
                f"Sổ tay {month_label(e.month).lower()} của đồng chí đã được chi bộ nhận xét, "
                f"xếp loại \u201c{e.get_review_rating_display()}\u201d."
                + (f" Nhận xét: {comment}" if comment else "")
            )
        else:
            continue
        url = reverse("handbook:month", args=[e.person_id, e.month])
        rows.append(_notice(e.person.user, by, text, url, at, cell, titles, today,
                            returned=e.status == EntryStatus.RETURNED))  # fmt: skip
    for p in pledges:
        if p.person.user is None or p.decided_at is None:
            continue
        comment = p.decision_comment.strip()
        if p.status == PledgeStatus.ACCEPTED:
            text = f"Bản đăng ký năm {p.year} của đồng chí đã được chi bộ thông qua." + (
                f" Ý kiến của chi bộ: {comment}" if comment else ""
            )
        else:
            text = (f"Bản đăng ký năm {p.year} của đồng chí được chi bộ trả lại để bổ sung, "
                    f"chỉnh sửa: {comment}")  # fmt: skip
        url = reverse("pledges:mine", args=[p.year])
        rows.append(_notice(p.person.user, p.decided_by, text, url, p.decided_at, cell, titles,
                            today))  # fmt: skip
    rows = [n for n in rows if n is not None]
    # Each person's last returned month is not sent again yet: that notice is still unread.
    returns = [n for n in rows if n.returned]
    for user_id in {n.user_id for n in returns}:
        max((n for n in returns if n.user_id == user_id), key=lambda n: n.at).read_at = None
    made = Notice.objects.bulk_create(rows)
    # created_at is set on insert: put each notice back at the time of its decision.
    for n in made:
        n.created_at = n.at
    Notice.objects.bulk_update(made, ["created_at"])
    return len(made)


def _cell_reviewer(cell: OrgUnit, author_user_id: int) -> User | None:
    """Who returned a month (the generator does not record it): the one it routes to
    (pledges.selectors.reviewers_of), the secretary before her deputy."""
    reviewers = reviewers_of(cell, author_user_id)
    secretaries = set(
        Role.objects.filter(unit=cell, kind=RoleKind.SECRETARY).values_list("user_id", flat=True)
    )
    return min(reviewers, key=lambda u: u.pk not in secretaries, default=None)


def _after(at: datetime | None, *, days: int) -> datetime:
    now = timezone.now()
    if at is None:
        return now - timedelta(hours=2)
    return min(at + timedelta(days=days), now - timedelta(hours=1))


def _notice(user, by, text, url, at, cell, titles, today, returned=False) -> Notice | None:
    if by is None or at is None or by.pk == user.pk:
        return None
    if by.pk not in titles:
        titles[by.pk] = role_title(by, cell)
    n = Notice(user=user, text=text[:500], url=url, sender=by, sender_title=titles[by.pk])
    n.at, n.returned = at, returned
    if at.date() < today - timedelta(days=RECENT_DAYS):
        n.read_at = at + timedelta(hours=3)
    return n
