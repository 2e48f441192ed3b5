"""Reads of handbook entries, always scoped."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.http import Http404

from lamtheo.core.periods import FIRST_YEAR, month_start, months_offered, parse_month, today
from lamtheo.handbook.models import EntryItem, EntryStatus, HandbookEntry
from lamtheo.orgs.scope import Capability
from lamtheo.people.models import Exemption, Membership, Person, covers


@dataclass
class MonthState:
    month: date
    entry: HandbookEntry | None
    exempt: bool
    member: bool  # belonged to a cell that month

    @property
    def key(self) -> str:
        """One short word for the grid and the task list."""
        if not self.member:
            return "none"
        if self.exempt:
            return "exempt"
        if self.entry is None or self.entry.status == EntryStatus.DRAFT:
            return "missing" if self.entry is None else "draft"
        if self.entry.status == EntryStatus.RETURNED:
            return "returned"
        if self.entry.status == EntryStatus.REVIEWED:
            return "reviewed"
        return "on_time" if self.entry.on_time else "late"


STATE_LABELS = {
    "none": "—",
    "exempt": "Miễn",
    "missing": "Chưa ghi",
    "draft": "Đang viết",
    "returned": "Trả lại",
    "reviewed": "Đã nhận xét",
    "on_time": "Đã nộp",
    "late": "Nộp muộn",
}


def month_states(people: list[Person], year: int, unit=None) -> dict[int, list[MonthState]]:
    """For each person, the state of every month of `year` so far (three queries in all).
    With `unit`, months the person spent in another cell show as not a member here."""
    months = months_offered(year)
    ids = [p.pk for p in people]
    in_unit = Membership.objects.filter(unit=unit) if unit is not None else Membership.objects
    entries = {
        (e.person_id, e.month): e
        for e in HandbookEntry.objects.filter(person_id__in=ids, month__year=year)
    }
    memberships: dict[int, list] = {}
    for m in in_unit.filter(person_id__in=ids).values_list("person_id", "start_month", "end_month"):
        memberships.setdefault(m[0], []).append(m[1:])
    exemptions: dict[int, list] = {}
    for x in Exemption.objects.filter(person_id__in=ids).values_list(
        "person_id", "start_month", "end_month"
    ):
        exemptions.setdefault(x[0], []).append(x[1:])
    return {
        pid: [
            MonthState(
                month=m,
                entry=entries.get((pid, m)),
                exempt=any(covers(s, e, m) for s, e in exemptions.get(pid, [])),
                member=any(covers(s, e, m) for s, e in memberships.get(pid, [])),
            )
            for m in months
        ]
        for pid in ids
    }


@dataclass
class Access:
    person: Person
    month: date
    entry: HandbookEntry | None
    can_write: bool  # the person themself, or a secretary entering on their behalf
    can_review: bool


def entry_access(user, person_id: int, month_slug: str) -> Access:
    """Who may see or write one person's month: the person, the cell's secretaries
    (write on behalf, review), and committee members drilling down (read only). 404 else."""
    from lamtheo.orgs.scope import Capability, can
    from lamtheo.people.selectors import get_person_or_404

    month = parse_month(month_slug)
    if month is None or month > month_start(today()) or month.year < FIRST_YEAR:
        raise Http404("Không tìm thấy tháng này.")
    person = get_person_or_404(user, person_id, Capability.VIEW_RECORDS)
    entry = (
        HandbookEntry.objects.select_related("pledge", "unit", "entered_by", "reviewed_by")
        .filter(person=person, month=month)
        .first()
    )
    unit = entry.unit if entry else person.cell
    own = person.user_id is not None and person.user_id == user.pk
    return Access(
        person=person,
        month=month,
        entry=entry,
        can_write=own or can(user, Capability.ENTER_ON_BEHALF, unit),
        # Nobody reviews their own month (the deputy or the committee above does).
        can_review=not own and can(user, Capability.REVIEW, unit),
    )


def entry_history(entry: HandbookEntry):
    from lamtheo.core.audit import changes_of

    changes = changes_of(
        entry.history.all(),
        what="Sổ tay tháng",
        skip={
            "first_submitted_at",
            "submitted_at",
            "reviewed_at",
            "pledge",
            "unit",
            "person",
            "month",
        },
    )
    changes += changes_of(
        EntryItem.history.filter(entry_id=entry.pk), what="Kết quả", skip={"entry", "item"}
    )
    return sorted(changes, key=lambda c: c.at, reverse=True)


def cell_roster(cell, year: int) -> list[tuple[Person, object, list[MonthState]]]:
    """Everyone who belonged to the cell during `year`, with their registration and the
    state of every month: the secretary's month-by-person grid (five queries)."""
    from lamtheo.pledges.models import Pledge

    first, last = date(year, 1, 1), date(year, 12, 1)
    person_ids = Membership.objects.overlapping(first, last).filter(unit=cell).values("person_id")
    people = list(Person.objects.filter(pk__in=person_ids).order_by("sort_key", "pk"))
    pledges = {p.person_id: p for p in Pledge.objects.filter(person__in=people, year=year)}
    states = month_states(people, year, unit=cell)
    return [(p, pledges.get(p.pk), states[p.pk]) for p in people]


def paper_pile(cell, month: date) -> list[Person]:
    """The people of the cell that month without an account (they write on paper) whose month
    is not in yet (none, a draft or returned), registered for the year, in roster order."""
    from lamtheo.pledges.models import Pledge

    in_cell = Membership.objects.covering(month).filter(unit=cell).values("person_id")
    done = HandbookEntry.objects.filter(month=month).submitted().values("person_id")
    registered = Pledge.objects.registered().filter(year=month.year).values("person_id")
    exempt = [
        pid
        for pid, s, e in Exemption.objects.filter(person_id__in=in_cell).values_list(
            "person_id", "start_month", "end_month"
        )
        if covers(s, e, month)
    ]
    return list(
        Person.objects.filter(pk__in=in_cell, user__isnull=True)
        .filter(pk__in=registered)
        .exclude(pk__in=done)
        .exclude(pk__in=exempt)
        .order_by("sort_key", "pk")
    )


# --- the private self-check against the 27 manifestations ----------------------------


@dataclass
class SelfCheckAccess:
    person: Person
    month: date
    check: object  # SelfCheck | None
    cell: object  # the cell the person belonged to that month (OrgUnit | None)
    own: bool  # the person themself
    can_write: bool


def selfcheck_visible(user, person: Person, month: date) -> bool:
    """May `user` read this person's self-check of `month`? (No 404: for page fragments.)
    The person, and the secretaries of the cell they belonged to then (READ_SELF_CHECK
    reaches the own cell only: no role above the cell opens it)."""
    from lamtheo.handbook.models import SelfCheck
    from lamtheo.orgs.scope import Capability, can
    from lamtheo.people.selectors import cell_of

    if person.user_id is not None and person.user_id == user.pk:
        return True
    check = SelfCheck.objects.filter(person=person, month=month).select_related("unit").first()
    return can(user, Capability.READ_SELF_CHECK, check.unit if check else cell_of(person, month))


def selfcheck_access(user, person_id: int, month_slug: str) -> SelfCheckAccess:
    """The person and their own cell's secretaries; 404 for everybody else."""
    from lamtheo.handbook.models import SelfCheck
    from lamtheo.orgs.scope import Capability, can
    from lamtheo.people.selectors import cell_of

    month = parse_month(month_slug)
    if month is None or month > month_start(today()) or month.year < FIRST_YEAR:
        raise Http404("Không tìm thấy tháng này.")
    person = Person.objects.select_related("cell").filter(pk=person_id).first()
    if person is None:
        raise Http404("Không tìm thấy người này.")
    check = SelfCheck.objects.filter(person=person, month=month).select_related("unit").first()
    cell = check.unit if check else cell_of(person, month)
    own = person.user_id is not None and person.user_id == user.pk
    if not own and not can(user, Capability.READ_SELF_CHECK, cell):
        raise Http404("Không tìm thấy người này.")
    entry = HandbookEntry.objects.filter(person=person, month=month).first()
    writable = own and cell is not None and (entry is None or entry.is_editable_by_member)
    return SelfCheckAccess(person, month, check, cell, own, writable)


def selfcheck_of(user, person: Person, month: date):
    """The self-check if `user` may read it, else None (the same answer as "none yet")."""
    from lamtheo.handbook.models import SelfCheck

    if not selfcheck_visible(user, person, month):
        return None
    return (
        SelfCheck.objects.filter(person=person, month=month)
        .prefetch_related("marks__manifestation")
        .first()
    )


def selfcheck_history(check) -> list:
    """The audit trail of one self-check: show it only to the people selfcheck_access lets
    in (it carries the same private text)."""
    from lamtheo.campaign.models import Manifestation
    from lamtheo.core.audit import Change, changes_of
    from lamtheo.handbook.models import SelfCheck, SelfCheckMark

    changes = changes_of(
        SelfCheck.history.filter(id=check.pk),
        what="Tự soi, tự sửa",
        skip={"person", "month", "unit"},
    )
    labels = {m.pk: str(m) for m in Manifestation.objects.all()}
    for row in SelfCheckMark.history.filter(selfcheck_id=check.pk).select_related("history_user"):
        label = labels.get(row.manifestation_id, "")
        added = row.history_type == "+"
        who = row.history_user.get_full_name() if row.history_user else "Hệ thống"
        changes.append(
            Change(
                row.history_date,
                who,
                row.history_change_reason or "",
                "Biểu hiện",
                [("biểu hiện", "" if added else label, label if added else "")],
                row.history_action,
            )
        )
    return sorted(changes, key=lambda c: c.at, reverse=True)


# A count of one or two people in a small cell can point to someone: pages and exports
# show such counts as "dưới 3" (the raw figures stay exact for the rebuild checks).
SMALL_COUNT = 3
SMALL_COUNT_LABEL = f"dưới {SMALL_COUNT}"
# A count hidden only so that a "dưới 3" beside it cannot be found by subtraction.
WITHHELD_LABEL = "ẩn"
_UNBOUNDED = 10**12


def shown_count(n: int) -> int | str:
    return SMALL_COUNT_LABEL if 0 < n < SMALL_COUNT else n


def _bounds(shown: int | str) -> tuple[int, int]:
    """What a reader learns of a count from how it is shown."""
    if shown == SMALL_COUNT_LABEL:
        return 1, SMALL_COUNT - 1
    if shown == WITHHELD_LABEL:
        return 0, _UNBOUNDED
    return shown, shown


def _pinned(parent: int | str, children: dict[str, int | str]) -> bool:
    """Whether parent = sum(children), read with each count's bounds, fixes a hidden count
    to one value. The bounds are integer intervals, so their sums are exact intervals."""
    lo = sum(_bounds(c)[0] for c in children.values())
    hi = sum(_bounds(c)[1] for c in children.values())
    p_lo, p_hi = _bounds(parent)
    if isinstance(parent, str) and max(p_lo, lo) == min(p_hi, hi):
        return True
    for shown in children.values():
        if isinstance(shown, str):
            c_lo, c_hi = _bounds(shown)
            # the child = parent - the others
            o_lo, o_hi = lo - c_lo, hi - c_hi
            if max(c_lo, p_lo - o_hi) == min(c_hi, p_hi - o_lo):
                return True
    return False


def suppress_children(parent: int | str, counts: dict[str, int]) -> dict[str, int | str]:
    """How a table shows its rows' counts, given how its total is shown (`parent`, decided
    one level up) and the rows' exact counts (which add up to the total).

    The rule (complementary suppression): a count of one or two people shows as "dưới 3";
    then, while the total and the rows shown would fix a hidden count to one value (the
    total minus the others, or the bounds "dưới 3" and zero leave one possibility), the
    smallest count still shown, other than zero, is withheld as "ẩn"; if none is left, the
    "dưới 3" rows become "ẩn" too. Under a withheld total every row but the zeros is
    withheld, so what its drill-down shows never narrows it. A unit's own page shows its
    total exactly as its parent's table shows its row, so a page, its drill-down and its
    export tell nothing more together than each does alone."""
    if parent == WITHHELD_LABEL:
        # Rows shown below a withheld total would bound it from below for its parent's table.
        return {k: WITHHELD_LABEL if n else 0 for k, n in counts.items()}
    shown: dict[str, int | str] = {k: shown_count(n) for k, n in counts.items()}
    while _pinned(parent, shown):
        candidates = sorted((n, k) for k, n in counts.items() if shown[k] == n and n > 0)
        if candidates:
            shown[candidates[0][1]] = WITHHELD_LABEL
        elif any(v == SMALL_COUNT_LABEL for v in shown.values()):
            shown = {k: WITHHELD_LABEL if v == SMALL_COUNT_LABEL else v for k, v in shown.items()}
        else:
            break  # nothing hidden is left to protect
    return shown


@dataclass
class SelfCheckRow:
    unit: object  # OrgUnit
    people: int | str  # ticked at least one manifestation
    members: int  # people in the cells that month (from the memberships)
    branch: str = ""  # the path its figures are grouped under


@dataclass
class SelfCheckFigures:
    unit: object
    month: date
    people: int | str
    members: int
    groups: list  # [(group label, [(Manifestation, count)])]
    rows: list  # [SelfCheckRow], one per child unit
    # Exact counts per child of each unit from the tree's root down to this unit, as
    # {manifestation id or None (people): {branch path: count}}: how each table above shows
    # this unit decides how this page shows it.
    lineage: list = field(default_factory=list)

    def for_display(self) -> SelfCheckFigures:
        """The same figures as a page or an export shows them (`suppress_children`)."""
        people_shown, own_rows = self._walk(None)
        rows = [
            SelfCheckRow(r.unit, own_rows.get(r.branch, shown_count(r.people)), r.members, r.branch)
            for r in self.rows
        ]
        groups = [
            (
                label,
                [(m, self._walk(m.pk)[0] if self.lineage else shown_count(n)) for m, n in items],
            )
            for label, items in self.groups
        ]
        return SelfCheckFigures(
            self.unit, self.month, people_shown, self.members, groups, rows, self.lineage
        )

    def _walk(self, key) -> tuple[int | str, dict[str, int | str]]:
        """How this unit's count of `key` is shown, walking down from the root, and how its
        own table shows its children."""
        if not self.lineage:
            return shown_count(self.people), {}
        path = self.unit.path
        width = len(self.lineage[0][0])  # the root's path: one segment
        shown: int | str | None = None
        for ancestor_path, counts in self.lineage:
            children = counts.get(key, {})
            if shown is None:  # the root: nothing above decides
                shown = shown_count(sum(children.values()))
            rows = suppress_children(shown, children)
            if ancestor_path == path:
                return shown, rows
            shown = rows.get(path[: len(ancestor_path) + width], 0)
        return shown, {}


def _branch_counts(path: str, month: date) -> dict:
    """{manifestation id or None: {child branch path: count}} in the subtree of `path`."""
    from django.db.models import Sum

    from lamtheo.handbook.models import SelfCheckStat
    from lamtheo.orgs.tree import branch_expr, subtree_q

    out: dict = {}
    for r in (
        SelfCheckStat.objects.filter(subtree_q(path), month=month)
        .annotate(child=branch_expr(path))
        .values("child", "manifestation_id")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        out.setdefault(r["manifestation_id"], {})[r["child"]] = r["n"] or 0
    return out


def selfcheck_figures(unit, month: date) -> SelfCheckFigures:
    """Counts of the self-check in the unit's subtree for `month`: people who ticked at
    least one item, and each item's count, in total and per child unit, with the counts per
    child of each unit above (one query per level) for `for_display`; never a name."""
    from django.db.models import Count

    from lamtheo.campaign.models import Manifestation, ManifestationGroup
    from lamtheo.orgs.tree import PATH_SEGMENT_WIDTH, branch_expr, children_of, subtree_q
    from lamtheo.people.models import Membership

    month = month_start(month)
    lineage = [
        (unit.path[:end], _branch_counts(unit.path[:end], month))
        for end in range(PATH_SEGMENT_WIDTH, len(unit.path) + 1, PATH_SEGMENT_WIDTH)
    ]
    own = lineage[-1][1]
    people = own.get(None, {})
    # The people on the cells' rolls that month (as the dashboard counts "members"), read from
    # the memberships themselves: handbook sits below the dashboard and does not read its rows.
    members = {
        r["child"]: r["n"]
        for r in Membership.objects.covering(month)
        .filter(subtree_q(unit.path, "unit__path"))
        .annotate(child=branch_expr(unit.path, "unit__path"))
        .values("child")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    }
    per_item = {m: sum(c.values()) for m, c in own.items() if m is not None}
    items = list(Manifestation.objects.order_by("group", "number"))
    groups = [
        (label, [(m, per_item.get(m.pk, 0)) for m in items if m.group == g])
        for g, label in ManifestationGroup.choices
    ]
    keys = {k for k in (*people, *members) if k != unit.path}
    rows = [
        SelfCheckRow(u, people.get(k, 0), members.get(k, 0), k) for u, k in children_of(unit, keys)
    ]
    return SelfCheckFigures(
        unit, month, sum(people.values()), sum(members.values()), groups, rows, lineage
    )


# --- what waits for a secretary -------------------------------------------------------


@dataclass
class PendingReview:
    unit: object  # OrgUnit: the cell the records count in
    year: int
    pledges: int  # registrations submitted, not yet accepted or returned
    entries: int  # handbook months submitted, not yet reviewed or returned


def pending_reviews(user, queue: list | None = None) -> list[PendingReview]:
    """Registrations and handbook months waiting for the user's decision (review_queue), counted
    per cell and year; none without the review capability."""
    counts: dict[tuple[int, int], list[int]] = {}
    units = {}
    for i in review_queue(user) if queue is None else queue:
        year = i.record.year if i.kind == "pledge" else i.record.month.year
        units[i.unit.pk] = i.unit
        counts.setdefault((i.unit.pk, year), [0, 0])[0 if i.kind == "pledge" else 1] += 1
    rows = [PendingReview(units[u], y, p, e) for (u, y), (p, e) in counts.items()]
    return sorted(rows, key=lambda r: (r.unit.path, -r.year))


# --- the secretary's queue --------------------------------------------------------------


@dataclass
class QueueItem:
    """One record waiting for the user's decision."""

    kind: str  # "pledge" or "entry"
    record: object  # Pledge | HandbookEntry
    person: Person
    unit: object  # OrgUnit
    submitted_at: object  # datetime

    @property
    def url(self) -> str:
        from django.urls import reverse

        if self.kind == "pledge":
            return reverse("pledges:review", args=[self.record.pk])
        return reverse("handbook:review", args=[self.person.pk, f"{self.record.month:%Y-%m}"])

    @property
    def what(self) -> str:
        if self.kind == "pledge":
            return f"Bản đăng ký năm {self.record.year}"
        return f"Sổ tay tháng {self.record.month:%m/%Y}"


def _waiting(model, user, scope, status):
    """Records of `model` waiting in the user's review scope that route to the user: in a
    unit where they hold a review role themselves, or in a unit with no reviewer of its own
    but the author (then ReviewRouting decides who above gets it). Never the user's own."""
    from django.db.models import Exists, OuterRef

    from lamtheo.orgs.models import Role
    from lamtheo.orgs.scope import anchor_unit_ids, roles_with

    others_here = Role.objects.filter(
        unit=OuterRef("unit"), kind__in=roles_with(Capability.REVIEW), user__is_active=True
    ).exclude(user=OuterRef("person__user"))
    anchors = anchor_unit_ids(user, Capability.REVIEW)
    return (
        model.objects.filter(scope, status=status)
        .filter(Q(unit_id__in=anchors) | ~Exists(others_here))
        .exclude(person__user=user)
        .select_related("person", "unit")
    )


def review_queue(user) -> list[QueueItem]:
    """What waits for the user: submitted registrations and handbook months routed to them
    (pledges.selectors.ReviewRouting), oldest first. Empty without the review capability."""
    from lamtheo.orgs.scope import has_any, scope_q
    from lamtheo.pledges.models import Pledge, PledgeStatus
    from lamtheo.pledges.selectors import ReviewRouting

    if not has_any(user, Capability.REVIEW):
        return []
    scope = scope_q(user, Capability.REVIEW, field="unit__path")
    items = [
        QueueItem("pledge", p, p.person, p.unit, p.submitted_at)
        for p in _waiting(Pledge, user, scope, PledgeStatus.SUBMITTED)
    ] + [
        QueueItem("entry", e, e.person, e.unit, e.submitted_at)
        for e in _waiting(HandbookEntry, user, scope, EntryStatus.SUBMITTED)
    ]
    routing = ReviewRouting({i.unit.pk: i.unit for i in items}.values())
    mine = [i for i in items if user.pk in routing.reviewer_ids(i.unit, i.person.user_id)]
    return sorted(mine, key=lambda i: (i.submitted_at is None, i.submitted_at, i.kind))
