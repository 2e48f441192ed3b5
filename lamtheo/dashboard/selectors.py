"""Reads for the dashboards.

The figures come only from the pre-aggregated rows (CellMonthStat),
grouped by child unit in SQL over an indexed range of paths, so a page costs the
same number of queries for a cell and for a province. The named lists behind a
rate are a deliberate drill-down and read the source records, one page at a time.

Definitions (the same as dashboard.figures):
- expected in a month: belonged to a cell of the subtree in that month and was not
  exempt from party work and activities then;
- one population per page: the people expected in the month viewed. The registration
  rate is, of them, those whose registration of the month's year is submitted or
  accepted; the specific items are the items of those registrations. So every card of a
  page about November counts the same people (the year rows, counted in December, are
  for the year's own figures);
- submission rate: submitted or reviewed entries / expected in the month;
- on-time share: entries first submitted by the due day / submitted entries;
- review rate: reviewed entries / submitted entries;
- specific items: items the quality checker found specific / all items of the
  registered registrations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from lamtheo.core.figure_tables import Column, parse_column_sort, ratio, sort_by_column
from lamtheo.core.periods import default_month, month_label, month_start, months_offered
from lamtheo.dashboard.models import CellMonthStat
from lamtheo.handbook.models import EntryStatus, HandbookEntry
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.tree import branch_expr, children_of, subtree_q
from lamtheo.people.models import Membership, Person
from lamtheo.people.selectors import exempt_in
from lamtheo.pledges.models import REGISTERED, Pledge, PledgeItem, PledgeStatus

# --- figures ------------------------------------------------------------------------


@dataclass
class Figures:
    members: int = 0  # people in the cells that month
    expected: int = 0  # of whom not exempt: expected to keep the handbook
    submitted: int = 0
    on_time: int = 0
    reviewed: int = 0
    returned: int = 0
    registered: int = 0  # of the expected: registered for the month's year
    items: int = 0
    specific_items: int = 0

    def add(self, values: Mapping[str, int | None]) -> None:
        for name, value in values.items():
            setattr(self, name, getattr(self, name) + (value or 0))

    @property
    def exempt(self) -> int:
        """In the cells that month but exempt from party work and activities."""
        return max(self.members - self.expected, 0)

    @property
    def registration_rate(self) -> float | None:
        return ratio(self.registered, self.expected)

    @property
    def not_registered(self) -> int:
        return max(self.expected - self.registered, 0)

    @property
    def submission_rate(self) -> float | None:
        return ratio(self.submitted, self.expected)

    @property
    def not_submitted(self) -> int:
        return max(self.expected - self.submitted, 0)

    @property
    def on_time_rate(self) -> float | None:
        return ratio(self.on_time, self.submitted)

    @property
    def review_rate(self) -> float | None:
        return ratio(self.reviewed, self.submitted)

    @property
    def specific_rate(self) -> float | None:
        return ratio(self.specific_items, self.items)


@dataclass
class ChildRow:
    unit: OrgUnit
    figures: Figures


@dataclass
class MonthPoint:
    month: date
    expected: int = 0
    submitted: int = 0
    reviewed: int = 0

    @property
    def submission_rate(self) -> float | None:
        return ratio(self.submitted, self.expected)

    @property
    def review_rate(self) -> float | None:
        return ratio(self.reviewed, self.submitted)


@dataclass
class UnitFigures:
    unit: OrgUnit
    month: date
    total: Figures
    rows: list[ChildRow] = field(default_factory=list)  # one per child unit, in tree order


@dataclass
class ChildMonths:
    unit: OrgUnit
    points: list[MonthPoint]  # one per month of `MonthlyFigures.months`


@dataclass
class MonthlyFigures:
    unit: OrgUnit
    months: list[date]
    rows: list[ChildMonths]  # one per child unit, in tree order
    series: list[MonthPoint]  # the whole unit, month by month


_MONTH_SUMS = {
    name: Sum(name)
    for name in ("members", "expected", "submitted", "on_time", "reviewed", "returned",
                 "registered", "items", "specific_items")
}  # fmt: skip


def _by_child(qs: QuerySet, unit: OrgUnit, sums: dict) -> list[dict]:
    """Sum the rows of the subtree per child unit (the branch of the tree each row is on)."""
    return list(
        qs.filter(subtree_q(unit.path))
        .annotate(child=branch_expr(unit.path))
        .values("child")
        .annotate(**sums)
        .order_by()
    )


def unit_figures(unit: OrgUnit, month: date) -> UnitFigures:
    """The unit's figures for `month` and one row per child unit: two queries whatever
    the size of the subtree (the month's rows, the children's names). Every figure counts
    the people expected that month (see the module's docstring)."""
    month = month_start(month)
    month_rows = _by_child(CellMonthStat.objects.filter(month=month), unit, _MONTH_SUMS)
    per_child: dict[str, Figures] = {}
    total = Figures()
    for row in month_rows:
        child = row.pop("child")
        total.add(row)
        if child != unit.path:  # the unit's own row, when the unit is a cell
            per_child.setdefault(child, Figures()).add(row)
    rows = [ChildRow(u, per_child.get(key, Figures())) for u, key in children_of(unit, per_child)]
    return UnitFigures(unit=unit, month=month, total=total, rows=rows)


def chart_months(month: date, on: date | None = None) -> list[date]:
    """The months of `month`'s year up to the month viewed, and at least up to the last
    finished month: a month still under way (its entries are due early next month) would
    show as a misleading fall towards zero."""
    last = max(month_start(month), default_month(on))
    return [m for m in months_offered(month.year, on) if m <= last]


_SERIES_SUMS = {"expected": Sum("expected"), "submitted": Sum("submitted"),
                "reviewed": Sum("reviewed")}  # fmt: skip


def _month_range(unit: OrgUnit, months: list[date]) -> QuerySet:
    return CellMonthStat.objects.filter(
        subtree_q(unit.path), month__gte=months[0], month__lte=months[-1]
    )


def month_series(unit: OrgUnit, month: date, on: date | None = None) -> list[MonthPoint]:
    """The unit's submission and review figures for each month of the chart (one query).
    It reads a row per cell per month, which is why the chart is a resource of its own
    and not part of the dashboard page."""
    months = chart_months(month, on)
    if not months:
        return []
    sums = _month_range(unit, months).values("month").annotate(**_SERIES_SUMS).order_by()
    found = {row.pop("month"): row for row in sums}
    return [MonthPoint(m, **_zeros(found.get(m, {}))) for m in months]


def monthly_figures(unit: OrgUnit, month: date, on: date | None = None) -> MonthlyFigures:
    """Each child unit's figures month by month, and the unit's (two queries)."""
    months = chart_months(month, on)
    grouped = (
        _month_range(unit, months).annotate(child=branch_expr(unit.path))
        .values("child", "month").annotate(**_SERIES_SUMS).order_by()
    ) if months else []  # fmt: skip
    cells: dict[tuple[str, date], dict] = {}
    series = {m: MonthPoint(m) for m in months}
    for row in grouped:
        key = (row.pop("child"), row.pop("month"))
        cells[key] = _zeros(row)
        for name, value in cells[key].items():
            setattr(series[key[1]], name, getattr(series[key[1]], name) + value)
    rows = [
        ChildMonths(u, [MonthPoint(m, **cells.get((key, m), {})) for m in months])
        for u, key in children_of(unit, {child for child, _m in cells})
    ]
    return MonthlyFigures(unit, months, rows, list(series.values()))


def _zeros(row: dict) -> dict:
    return {k: v or 0 for k, v in row.items()}


# --- the table of child rows ---------------------------------------------------------

COLUMNS = [
    Column("Số người phải thực hiện", "expected", sort="so-nguoi"),
    Column("Tỷ lệ đăng ký", "registration_rate", part="registered", whole="expected",
           sort="dang-ky"),
    Column("Tỷ lệ nộp sổ tay", "submission_rate", part="submitted", whole="expected",
           sort="nop"),
    Column("Nộp đúng hạn", "on_time_rate", rate=True, sort="dung-han"),
    Column("Tỷ lệ đã nhận xét", "review_rate", rate=True, sort="nhan-xet"),
    Column("Bị trả lại", "returned", sort="tra-lai"),
    Column("Việc làm cụ thể", "specific_rate", rate=True, sort="cu-the"),
]  # fmt: skip


def parse_sort(text: str | None) -> tuple[str, bool] | None:
    return parse_column_sort(text, COLUMNS)


def sort_rows(
    rows: list[ChildRow], sort: tuple[str, bool] | None, lagging_first: bool = False
) -> list[ChildRow]:
    if lagging_first:
        counted = [r for r in rows if r.figures.submission_rate is not None]
        rest = [r for r in rows if r.figures.submission_rate is None]
        counted.sort(
            key=lambda r: (r.figures.submission_rate, _none_last(r.figures.registration_rate))
        )
        return counted + rest
    return sort_by_column(rows, COLUMNS, sort)


def _none_last(value: float | None) -> float:
    return 2.0 if value is None else value


# --- the named lists behind a rate ----------------------------------------------------


@dataclass(frozen=True)
class Listing:
    slug: str
    title: str  # with {period}
    per_year: bool  # about the year's registration rather than the month's handbook
    reminder: str  # the text of the reminder, with {period}

    def period_label(self, month: date) -> str:
        return f"năm {month.year}" if self.per_year else month_label(month).lower()

    def heading(self, month: date) -> str:
        return self.title.format(period=self.period_label(month))

    def reminder_text(self, month: date) -> str:
        return self.reminder.format(period=self.period_label(month))


LISTINGS = {
    "chua-dang-ky": Listing(
        "chua-dang-ky",
        "Chưa nộp bản đăng ký học tập và làm theo {period}",
        True,
        "Đồng chí chưa nộp bản đăng ký học tập và làm theo {period}. Đề nghị đồng chí "
        "hoàn thành bản đăng ký và nộp để chi bộ xem xét.",
    ),
    "chua-nop": Listing(
        "chua-nop",
        "Chưa nộp sổ tay \u201cLàm theo gương Bác\u201d {period}",
        False,
        "Đồng chí chưa nộp sổ tay \u201cLàm theo gương Bác\u201d {period}. Đề nghị đồng "
        "chí ghi kết quả thực hiện, tự đánh giá và nộp để chi bộ nhận xét.",
    ),
    "tra-lai": Listing(
        "tra-lai",
        "Sổ tay {period} bị chi bộ trả lại để bổ sung",
        False,
        "Sổ tay \u201cLàm theo gương Bác\u201d {period} của đồng chí đã được chi bộ trả lại "
        "để bổ sung. Đề nghị đồng chí xem ý kiến của chi bộ, bổ sung và nộp lại.",
    ),
}

STATE_LABELS = {
    # registrations
    "pledge-none": ("Chưa viết", "missing"),
    PledgeStatus.DRAFT: ("Bản nháp", "draft"),
    PledgeStatus.RETURNED: ("Chi bộ trả lại", "returned"),
    # handbook entries
    "entry-none": ("Chưa ghi", "missing"),
    EntryStatus.DRAFT: ("Đang viết", "draft"),
    EntryStatus.RETURNED: ("Trả lại", "returned"),
}


def reference_month(listing: Listing, month: date) -> date:
    """The month whose cell and exemption decide who is counted: the month viewed, for the
    year's registration as for the month's handbook (the population of the page)."""
    return month_start(month)


def _memberships(unit: OrgUnit, when: date) -> QuerySet[Membership]:
    return Membership.objects.covering(when).filter(subtree_q(unit.path, "unit__path"))


def listing_people(unit: OrgUnit, listing: Listing, month: date) -> QuerySet[Person]:
    """The people behind a rate, in Vietnamese name order: exactly those the figures
    count as expected and not (yet) done."""
    when = reference_month(listing, month)
    people = Person.objects.filter(pk__in=_memberships(unit, when).values("person_id")).filter(
        ~exempt_in(when)
    )
    if listing.slug == "chua-dang-ky":
        done = Pledge.objects.registered().filter(person_id=OuterRef("pk"), year=month.year)
        people = people.filter(~Exists(done))
    elif listing.slug == "chua-nop":
        done = HandbookEntry.objects.submitted().filter(person_id=OuterRef("pk"), month=when)
        people = people.filter(~Exists(done))
    else:
        returned = HandbookEntry.objects.filter(
            person_id=OuterRef("pk"), month=when, status=EntryStatus.RETURNED
        )
        people = people.filter(Exists(returned))
    return people.select_related("user").order_by("sort_key", "pk")


@dataclass
class ListedPerson:
    person: Person
    cell: OrgUnit | None
    state: str
    state_key: str

    @property
    def has_account(self) -> bool:
        """An account that can receive the reminder (a disabled one cannot)."""
        user = self.person.user
        return user is not None and user.is_active


def listing_rows(people, listing: Listing, month: date) -> list[ListedPerson]:
    """Each person's cell that month and state, for a page or an export: two queries.
    `people` is a page (a list) or a whole list (a queryset, read as a subquery so that a
    long list never turns into a huge IN (...) of ids)."""
    when = reference_month(listing, month)
    if isinstance(people, QuerySet) and not people.query.is_sliced:
        ids = people.values("pk")
    else:
        people = list(people)
        ids = [p.pk for p in people]
    cells = {
        m.person_id: m.unit
        for m in Membership.objects.covering(when).filter(person_id__in=ids).select_related("unit")
    }
    if listing.per_year:
        states = dict(
            Pledge.objects.filter(person_id__in=ids, year=month.year).values_list(
                "person_id", "status"
            )
        )
        none = "pledge-none"
    else:
        states = dict(
            HandbookEntry.objects.filter(person_id__in=ids, month=when).values_list(
                "person_id", "status"
            )
        )
        none = "entry-none"
    rows = []
    for p in people:
        label, key = STATE_LABELS.get(states.get(p.pk, none), STATE_LABELS[none])
        rows.append(ListedPerson(p, cells.get(p.pk), label, key))
    return rows


# --- the items behind the "việc làm cụ thể" share ---------------------------------------
# The share on the dashboard is specific items / items of the registered registrations of
# the people expected in the month (CellMonthStat). Its drill-down counts the same items from
# the records, per child unit, and for a cell lists the items not found specific (names and
# texts only to those who may read records: the view decides, orgs.scope says who).


@dataclass
class VagueCounts:
    items: int = 0
    vague: int = 0  # not found specific by the checker (the rest of the share)

    @property
    def specific(self) -> int:
        return self.items - self.vague

    @property
    def specific_rate(self) -> float | None:
        return ratio(self.specific, self.items)


@dataclass
class VagueRow:
    unit: OrgUnit
    counts: VagueCounts


def _expected_memberships(unit: OrgUnit, month: date) -> QuerySet[Membership]:
    """The memberships of the people expected in the subtree in `month`: in a cell then,
    not exempt (the population of the dashboard's page)."""
    return _memberships(unit, month).filter(~exempt_in(month, "person_id"))


def vague_counts(unit: OrgUnit, month: date) -> tuple[VagueCounts, list[VagueRow]]:
    """The items of the month's population and those not specific, for the unit and for each
    child unit (two queries)."""
    month = month_start(month)
    registered = Q(person__pledges__year=month.year, person__pledges__status__in=REGISTERED)
    not_specific = Q(person__pledges__items__is_specific=False) | Q(
        person__pledges__items__is_specific__isnull=True
    )
    grouped = (
        _expected_memberships(unit, month)
        .annotate(child=branch_expr(unit.path, "unit__path"))
        .values("child")
        .annotate(
            items=Count("person__pledges__items", filter=registered),
            vague=Count("person__pledges__items", filter=registered & not_specific),
        )
        .order_by()
    )
    total, per_child = VagueCounts(), {}
    for row in grouped:
        counts = VagueCounts(row["items"], row["vague"])
        total.items += counts.items
        total.vague += counts.vague
        if row["child"] != unit.path:
            per_child[row["child"]] = counts
    rows = [
        VagueRow(u, per_child.get(key, VagueCounts())) for u, key in children_of(unit, per_child)
    ]
    return total, rows


def vague_items(cell: OrgUnit, month: date) -> list[PledgeItem]:
    """The items of the cell's people expected in `month` that the checker did not find
    specific, by person in Vietnamese name order, then in the registration's order."""
    month = month_start(month)
    people = _expected_memberships(cell, month).filter(unit=cell).values("person_id")
    return list(
        PledgeItem.objects.filter(
            pledge__year=month.year,
            pledge__status__in=REGISTERED,
            pledge__person_id__in=people,
        )
        .exclude(is_specific=True)
        .select_related("pledge__person", "area")
        .order_by("pledge__person__sort_key", "pledge__person_id", "area__order", "order", "pk")
    )
