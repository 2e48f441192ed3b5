"""Computing the formalism signals of a subtree for a year, from the records already there.

Each detector reads its table once with values_list (a province's million handbook months
and four million per-item notes are never turned into model instances) and returns the
Signal rows that fired; `compute` replaces the stored rows of the subtree and year in one
transaction. The thresholds are module constants, named in signals/kinds.py's explanations.

Text is compared folded (fold: lower case, no diacritics, đ → d, punctuation and runs of
spaces as one space), by its hash. A folded text is *stock* when it occurs in STOCK_CELLS
cells or more of the subtree: a formula the whole tree uses (a template sent from above,
"Đã hoàn thành theo kế hoạch.") is not copying inside one cell. Texts shorter than
MIN_CHARS folded characters are never evidence of copying.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from lamtheo.core.periods import add_months
from lamtheo.handbook.models import EntryItem, HandbookEntry, Rating, submitted_q
from lamtheo.inspections.signals.models import YEARLY_KINDS, Signal, SignalKind
from lamtheo.learning.meetings.models import CellMeeting
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.tree import subtree_q
from lamtheo.pledges.models import PledgeItem, registered_q

MIN_CHARS = 30  # a shorter note ("Đã làm.") is not evidence of copying
STOCK_CELLS = 3  # a text found in this many cells is a common formula, not copying
NOTES_MIN_ENTRIES = 3  # copied months in a cell and month before the signal fires
NOTES_MIN_SHARE = 0.2
PLEDGE_MIN_SHARED_ITEMS = 2  # items of a registration found in another member's one
PLEDGES_MIN = 2
BURST_GAP = timedelta(seconds=10)
BURST_MIN = 5
BACKFILL_MIN_MONTHS = 3
ALL_TOP_MIN = 5
MINUTES_MIN_SIMILARITY = 0.9
VAGUE_MIN_SHARE = 0.75
VAGUE_MIN_PLEDGES = 3
EVIDENCE_IDS = 60  # the ids kept as evidence per row (the counts are always whole)

# Punctuation and control characters as spaces, on the ASCII bytes left after the diacritics.
_PUNCTUATION = bytes(c for c in range(128) if not chr(c).isalnum())
_SPACES = bytes.maketrans(_PUNCTUATION, b" " * len(_PUNCTUATION))


def fold(text: str) -> str:
    """Lower case, no diacritics (đ → d), punctuation and spaces as single spaces. Through
    ASCII bytes: what is not a Latin letter or digit after NFD (tone marks, quotes, dashes)
    is dropped, the rest of the punctuation becomes a space."""
    ascii_ = unicodedata.normalize("NFD", text.lower().replace("đ", "d")).encode("ascii", "ignore")
    return " ".join(ascii_.translate(_SPACES).decode("ascii").split())


fold_cached = lru_cache(maxsize=50_000)(fold)


@lru_cache(maxsize=200_000)
def text_key(text: str) -> int | None:
    """The hash of the folded text, or None when it is too short to be evidence."""
    folded = fold(text)
    return hash(folded) if len(folded) >= MIN_CHARS else None


class _Spread:
    """How many cells each text key occurs in, up to STOCK_CELLS (memory: one int per key)."""

    def __init__(self) -> None:
        self.first: dict[int, int] = {}
        self.more: dict[int, set[int]] = {}

    def add(self, key: int, unit_id: int) -> None:
        first = self.first.setdefault(key, unit_id)
        if first != unit_id:
            cells = self.more.setdefault(key, {first})
            if len(cells) < STOCK_CELLS:
                cells.add(unit_id)

    def is_stock(self, key: int) -> bool:
        cells = self.more.get(key)
        return cells is not None and len(cells) >= STOCK_CELLS


def _month(d: date) -> date:
    return d.replace(day=1)


@lru_cache(maxsize=4096)
def _day(value) -> date:
    """A date as the database hands it over without Django's converters (SQLite: text)."""
    return value if isinstance(value, date) else date.fromisoformat(value[:10])


def _rows(queryset, size: int = 20_000):
    """The rows of a values_list queryset as the driver returns them, without Django's
    per-value converters (on SQLite a date or date-time stays text: _day reads it). Several
    times cheaper on a province's million rows."""
    from django.db import connections

    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(size):
            yield from batch


def _local_day(dt: datetime) -> date:
    return timezone.localtime(dt).date()


class Period:
    """The months computed: a year, or one month of it."""

    def __init__(self, year: int, month: date | None = None) -> None:
        self.year = year
        self.first = _month(month) if month else date(year, 1, 1)
        self.last = _month(month) if month else date(year, 12, 1)
        self.month = month

    def __contains__(self, d: date) -> bool:
        return self.first <= _month(d) <= self.last

    def moments(self) -> tuple[datetime, datetime]:
        tz = timezone.get_current_timezone()
        start = datetime.combine(self.first, datetime.min.time(), tzinfo=tz)
        end = datetime.combine(add_months(self.last, 1), datetime.min.time(), tzinfo=tz)
        return start, end


def _row(kind, unit_id, month, *, count, total, evidence, score=None) -> Signal:
    total = max(total, count, 1)
    return Signal(
        unit_id=unit_id, kind=kind, month=month, year=month.year, count=count, total=total,
        score=round(min(1.0, count / total if score is None else score), 4), evidence=evidence,
    )  # fmt: skip


def _ids(values: Iterable[int]) -> list[int]:
    return sorted(set(values))[:EVIDENCE_IDS]


# --- (1) handbook notes copied between members or from the month before ----------------


def notes_copied(unit_q: Q, period: Period) -> list[Signal]:
    entries = (
        HandbookEntry.objects.filter(
            unit_q, month__gte=add_months(period.first, -1), month__lte=period.last,
            first_submitted_at__isnull=False,
        )
        .values_list("id", "person_id", "unit_id", "month", "self_assessment")
    )  # fmt: skip
    notes: dict[int, list[str]] = defaultdict(list)
    items = EntryItem.objects.filter(
        _entry_q(unit_q),
        entry__month__gte=add_months(period.first, -1), entry__month__lte=period.last,
        entry__first_submitted_at__isnull=False,
    ).exclude(note="")  # fmt: skip
    for entry_id, note in _rows(items.values_list("entry_id", "note")):
        notes[entry_id].append(note)
    spread = _Spread()
    rows = []  # (entry id, person, unit, month, key)
    for pk, person, unit, month, assessment in _rows(entries):
        month = _day(month)
        # The notes in any order: the same notes listed otherwise are the same month.
        text = " | ".join([assessment, *sorted(notes.pop(pk, ()))])
        key = text_key(text)
        rows.append((pk, person, unit, month, key))
        if key is not None:
            spread.add(key, unit)
    by_person_month = {(person, month): key for _, person, _, month, key in rows}
    cells: dict[tuple[int, date], list[tuple[int, int, int | None]]] = defaultdict(list)
    for pk, person, unit, month, key in rows:
        if month in period:
            cells[unit, month].append((pk, person, key))
    out = []
    for (unit, month), month_rows in cells.items():
        seen: dict[int, int] = defaultdict(int)
        for _, _, key in month_rows:
            if key is not None and not spread.is_stock(key):
                seen[key] += 1
        between, repeated, people, ids = 0, 0, set(), []
        for pk, person, key in month_rows:
            if key is None or spread.is_stock(key):
                continue
            shared = seen[key] > 1
            again = by_person_month.get((person, add_months(month, -1))) == key
            if shared or again:
                between += shared
                repeated += again
                people.add(person)
                ids.append(pk)
        n, total = len(ids), len(month_rows)
        if n >= NOTES_MIN_ENTRIES and n / total >= NOTES_MIN_SHARE:
            out.append(_row(SignalKind.NOTES_COPIED, unit, month, count=n, total=total, evidence={
                "entries": _ids(ids), "people": _ids(people),
                "between_members": between, "month_to_month": repeated,
            }))  # fmt: skip
    return out


def _entry_q(unit_q: Q) -> Q:
    """The unit filter moved onto the entry (unit__path → entry__unit__path)."""
    return _prefixed(unit_q, "entry__")


def _prefixed(q: Q, prefix: str) -> Q:
    out = Q()
    out.connector, out.negated = q.connector, q.negated
    for child in q.children:
        if isinstance(child, Q):
            out.children.append(_prefixed(child, prefix))
        else:
            out.children.append((prefix + child[0], child[1]))
    return out


# --- (2) registrations copied between members ----------------------------------------


def pledges_copied(unit_q: Q, period: Period) -> list[Signal]:
    items = PledgeItem.objects.filter(
        _prefixed(unit_q, "pledge__"), registered_q("pledge__"), pledge__year=period.year
    ).values_list("pledge_id", "pledge__person_id", "pledge__unit_id", "text")
    spread = _Spread()
    rows = []
    pledges_of_cell: dict[int, set[int]] = defaultdict(set)
    for pledge, person, unit, text in items.iterator(chunk_size=20_000):
        key = text_key(text)
        pledges_of_cell[unit].add(pledge)
        if key is not None:
            spread.add(key, unit)
            rows.append((pledge, person, unit, key))
    holders: dict[tuple[int, int], set[int]] = defaultdict(set)
    for pledge, _, unit, key in rows:
        if not spread.is_stock(key):
            holders[unit, key].add(pledge)
    shared_items: dict[int, int] = defaultdict(int)
    person_of, cell_of = {}, {}
    for pledge, person, unit, key in rows:
        person_of[pledge], cell_of[pledge] = person, unit
        if len(holders.get((unit, key), ())) > 1:
            shared_items[pledge] += 1
    copied: dict[int, list[int]] = defaultdict(list)
    for pledge, n in shared_items.items():
        if n >= PLEDGE_MIN_SHARED_ITEMS:
            copied[cell_of[pledge]].append(pledge)
    month = date(period.year, 1, 1)
    out = []
    for unit, pledges in copied.items():
        if len(pledges) >= PLEDGES_MIN:
            out.append(_row(SignalKind.PLEDGES_COPIED, unit, month, count=len(pledges),
                            total=len(pledges_of_cell[unit]), evidence={
                                "pledges": _ids(pledges),
                                "people": _ids(person_of[p] for p in pledges)}))  # fmt: skip
    return out


# --- (3) bursts of reviews with the same comment within seconds ----------------------


def review_bursts(unit_q: Q, period: Period) -> list[Signal]:
    """Counted on the month of the handbook reviewed. The time of each review as the driver
    gives it (on SQLite text, in UTC: compared after fromisoformat, never localized)."""
    reviews = HandbookEntry.objects.filter(
        unit_q, month__gte=period.first, month__lte=period.last, reviewed_at__isnull=False
    ).values_list("id", "unit_id", "month", "person_id", "reviewed_by_id", "reviewed_at",
                  "review_comment")  # fmt: skip
    streams: dict[tuple, list[tuple]] = defaultdict(list)
    totals: dict[tuple[int, date], int] = defaultdict(int)
    for pk, unit, month, person, reviewer, at, comment in _rows(reviews):
        streams[unit, reviewer, fold_cached(comment)].append((at, pk, person, month))
        totals[unit, month] += 1
    found: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for (unit, _reviewer, _comment), stream in streams.items():
        if len(stream) < BURST_MIN:
            continue
        stream = sorted(
            (a if isinstance(a, datetime) else datetime.fromisoformat(a), pk, person, month)
            for a, pk, person, month in stream
        )
        run = [stream[0]]
        for item in stream[1:] + [None]:
            if item is not None and item[0] - run[-1][0] <= BURST_GAP:
                run.append(item)
                continue
            if len(run) >= BURST_MIN:
                for _, pk, person, month in run:
                    found[unit, month].append((pk, person))
            if item is not None:
                run = [item]
    out = []
    for (unit, month), hits in found.items():
        out.append(_row(SignalKind.REVIEW_BURST, unit, _day(month), count=len(hits),
                        total=totals[unit, month], evidence={
                            "entries": _ids(pk for pk, _ in hits),
                            "people": _ids(p for _, p in hits)}))  # fmt: skip
    return out


# --- (4) many late months submitted on one day ---------------------------------------


def backfilling(unit_q: Q, period: Period) -> list[Signal]:
    start, end = period.moments()
    late = HandbookEntry.objects.filter(
        unit_q, first_submitted_at__gte=start, first_submitted_at__lt=end, on_time=False,
        entered_by__isnull=True,
    ).values_list("id", "unit_id", "person_id", "first_submitted_at")  # fmt: skip
    days: dict[tuple[int, int, date], list[int]] = defaultdict(list)
    for pk, unit, person, at in late.iterator(chunk_size=20_000):
        days[unit, person, _local_day(at)].append(pk)
    found: dict[tuple[int, date], list[tuple[int, int, date]]] = defaultdict(list)
    for (unit, person, day), ids in days.items():
        if len(ids) >= BACKFILL_MIN_MONTHS:
            found[unit, _month(day)].extend((pk, person, day) for pk in ids)
    if not found:
        return []
    people = dict(
        HandbookEntry.objects.filter(
            unit_q, month__gte=date(period.year, 1, 1), month__lte=date(period.year, 12, 1)
        )
        .values("unit_id")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("unit_id", "n")
    )
    out = []
    for (unit, month), hits in found.items():
        who = {p for _, p, _ in hits}
        out.append(_row(SignalKind.BACKFILL, unit, month, count=len(who),
                        total=people.get(unit, len(who)), evidence={
                            "entries": _ids(pk for pk, _, _ in hits), "people": _ids(who),
                            "months": len(hits),
                            "days": sorted({d.isoformat() for _, _, d in hits})}))  # fmt: skip
    return out


# --- (5) every rating at the top level for a whole cell ------------------------------


def all_top(unit_q: Q, period: Period) -> list[Signal]:
    top = Rating.EXCELLENT
    counts = (
        HandbookEntry.objects.filter(
            unit_q, submitted_q(), month__gte=period.first, month__lte=period.last
        )
        .values("unit_id", "month")
        .annotate(
            n=Count("id"),
            top=Count("id", filter=Q(self_rating=top)),
            reviewed=Count("id", filter=~Q(review_rating="")),
            reviewed_top=Count("id", filter=Q(review_rating=top)),
        )
        .values_list("unit_id", "month", "n", "top", "reviewed", "reviewed_top")
    )
    out = []
    for unit, month, n, self_top, reviewed, reviewed_top in counts:
        all_self = n >= ALL_TOP_MIN and self_top == n
        all_reviewed = reviewed >= ALL_TOP_MIN and reviewed_top == reviewed
        if all_self or all_reviewed:
            out.append(_row(SignalKind.ALL_TOP, unit, month, count=self_top + reviewed_top,
                            total=n + reviewed, evidence={
                                "self": [self_top, n], "review": [reviewed_top, reviewed],
                                "all_self": all_self, "all_reviewed": all_reviewed}))  # fmt: skip
    return out


# --- (6) minutes identical from meeting to meeting -----------------------------------


def _shingles(folded: str) -> set[tuple[str, str]]:
    words = folded.split()
    return set(zip(words, words[1:], strict=False))


def similarity(a: str, b: str) -> float:
    """1 for the same folded text, else the Jaccard index of their word pairs."""
    if a == b:
        return 1.0
    x, y = _shingles(a), _shingles(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def minutes_same(unit_q: Q, period: Period) -> list[Signal]:
    meetings = (
        CellMeeting.objects.held()
        .filter(unit_q, month__gte=add_months(period.first, -12), month__lte=period.last)
        .order_by("unit_id", "held_on", "pk")
        .values_list("id", "unit_id", "month", "proceedings", "conclusion")
    )
    spread = _Spread()
    rows = []
    for pk, unit, month, proceedings, conclusion in meetings:
        folded = fold(f"{proceedings} | {conclusion}")
        rows.append((pk, unit, month, folded))
        if len(folded) >= MIN_CHARS:
            spread.add(hash(folded), unit)
    found: dict[tuple[int, date], list[tuple[int, int, float]]] = defaultdict(list)
    totals: dict[tuple[int, date], int] = defaultdict(int)
    previous = None
    for pk, unit, month, folded in rows:
        if month in period:
            totals[unit, month] += 1
        before, previous = previous, (pk, unit, folded)
        if before is None or before[1] != unit or month not in period:
            continue
        if len(folded) < MIN_CHARS or spread.is_stock(hash(folded)):
            continue
        score = similarity(before[2], folded)
        if score >= MINUTES_MIN_SIMILARITY:
            found[unit, month].append((pk, before[0], score))
    out = []
    for (unit, month), hits in found.items():
        out.append(_row(SignalKind.MINUTES_SAME, unit, month, count=len(hits),
                        total=totals[unit, month], score=max(s for _, _, s in hits), evidence={
                            "meetings": [[pk, prev] for pk, prev, _ in hits],
                            "similarity": [round(s, 3) for _, _, s in hits]}))  # fmt: skip
    return out


# --- (7) the share of vague registration items ---------------------------------------


@lru_cache(maxsize=100_000)
def _verdict(text: str) -> bool:
    from lamtheo.pledges.quality import assess

    return assess(text).specific


def vague_share(unit_q: Q, period: Period) -> list[Signal]:
    """The items' stored verdict (PledgeItem.is_specific, set when written); the checker
    only for items without one, once per distinct text."""
    items = PledgeItem.objects.filter(
        _prefixed(unit_q, "pledge__"), registered_q("pledge__"), pledge__year=period.year
    ).values_list("pledge_id", "pledge__unit_id", "is_specific", "text", "target", "timeframe")
    per_cell: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    pledges: dict[int, set[int]] = defaultdict(set)
    vague_pledges: dict[int, set[int]] = defaultdict(set)
    for pledge, unit, specific, text, target, timeframe in items.iterator(chunk_size=20_000):
        if specific is None:
            specific = _verdict(" ".join([text, target, timeframe]))
        counts = per_cell[unit]
        counts[1] += 1
        pledges[unit].add(pledge)
        if not specific:
            counts[0] += 1
            vague_pledges[unit].add(pledge)
    month = date(period.year, 1, 1)
    out = []
    for unit, (vague, total) in per_cell.items():
        if len(pledges[unit]) >= VAGUE_MIN_PLEDGES and vague / total >= VAGUE_MIN_SHARE:
            out.append(_row(SignalKind.VAGUE_SHARE, unit, month, count=vague, total=total,
                            evidence={"pledges": _ids(vague_pledges[unit]),
                                      "registrations": len(pledges[unit])}))  # fmt: skip
    return out


DETECTORS: dict[str, Callable[[Q, Period], list[Signal]]] = {
    SignalKind.NOTES_COPIED: notes_copied,
    SignalKind.PLEDGES_COPIED: pledges_copied,
    SignalKind.REVIEW_BURST: review_bursts,
    SignalKind.BACKFILL: backfilling,
    SignalKind.ALL_TOP: all_top,
    SignalKind.MINUTES_SAME: minutes_same,
    SignalKind.VAGUE_SHARE: vague_share,
}


def compute(
    *,
    year: int,
    root: OrgUnit | None = None,
    month: date | None = None,
    timings: dict | None = None,
) -> dict[str, int]:
    """Recompute and store the signals of the subtree of `root` (the whole tree without one)
    for `year` (or one month of it: the yearly kinds are recomputed for the whole year).
    Returns how many rows of each kind were stored; `timings` receives seconds per kind."""
    import time

    period = Period(year, month)
    unit_q = subtree_q(root.path, "unit__path") if root else Q()
    found: list[Signal] = []
    counts = {}
    for kind, detector in DETECTORS.items():
        started = time.perf_counter()
        rows = detector(unit_q, Period(year) if kind in YEARLY_KINDS else period)
        if timings is not None:
            timings[kind] = time.perf_counter() - started
        counts[kind] = len(rows)
        found += rows
    paths = dict(
        OrgUnit.objects.filter(pk__in={r.unit_id for r in found}).values_list("pk", "path")
    )
    now = timezone.now()
    for r in found:
        r.path, r.computed_at = paths[r.unit_id], now
    stale = Signal.objects.filter(year=year)
    if root is not None:
        stale = stale.filter(subtree_q(root.path))
    with transaction.atomic():
        if month is None:
            stale.delete()
        else:
            stale.filter(Q(month=_month(month)) | Q(kind__in=YEARLY_KINDS)).delete()
        Signal.objects.bulk_create(found, batch_size=2000)
    return counts
