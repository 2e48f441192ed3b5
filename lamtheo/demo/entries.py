"""The handbook months: which state each person's month is in (missing, draft, on time,
late, returned, reviewed), the fields that state implies, and their insert in batches."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from functools import cache
from itertools import accumulate

from lamtheo.core.bulk import insert_rows
from lamtheo.demo.context import BATCH, Context, count
from lamtheo.demo.data.texts import (
    ENTRY_RETURN_COMMENTS,
    HIGHER_REVIEW_COMMENTS,
    LOWER_REVIEW_COMMENTS,
    NOTES,
    RATING_ORDER,
    REVIEW_COMMENTS,
    SELF_ASSESSMENTS,
)
from lamtheo.demo.plan import PersonPlan, UnitPlan
from lamtheo.handbook.models import EntryItem, EntryStatus, HandbookEntry, Progress, Rating
from lamtheo.handbook.services import due_at as _service_due_at
from lamtheo.handbook.services import opens_at as _service_opens_at
from lamtheo.pledges.models import PledgeStatus

EntryRow = tuple[dict, list[tuple[int, str, str]]]  # the month, and (item id, progress, note)


def insert_entries(ctx: Context) -> None:
    """Handbook months with their per-item results, in batches of whole people so that a
    province's million months never sit in memory at once."""
    batch: list[EntryRow] = []
    for p in ctx.org.people:
        for month in ctx.org.months:
            made = _entry(ctx, p, month)
            if made is not None:
                batch.append(made)
        if len(batch) >= BATCH:
            _flush_entries(ctx, batch)
    _flush_entries(ctx, batch)


def _flush_entries(ctx: Context, batch: list[EntryRow]) -> None:
    if not batch:
        return
    insert_rows(HandbookEntry, [row for row, _ in batch])
    ids = _entry_ids(batch)
    results = [
        {"entry_id": ids[row["person_id"], row["month"]], "item_id": item_id,
         "progress": progress, "note": note}
        for row, items in batch
        for item_id, progress, note in items
    ]  # fmt: skip
    insert_rows(EntryItem, results)
    count(ctx, "sổ tay tháng", len(batch))
    count(ctx, "kết quả từng việc trong sổ tay", len(results))
    batch.clear()


def _entry_ids(batch: list[EntryRow]) -> dict[tuple[int, date], int]:
    """The new months' ids by their natural key: the batch holds whole people, whose ids
    are consecutive."""
    person_ids = [row["person_id"] for row, _ in batch]
    found = HandbookEntry.objects.filter(
        person_id__gte=min(person_ids), person_id__lte=max(person_ids)
    ).values_list("person_id", "month", "id")
    return {(person, month): pk for person, month, pk in found}


# ---------------------------------------------------------------------------
# One handbook month: which state, and the fields that state implies
# ---------------------------------------------------------------------------


def _entry_state(ctx: Context, p: PersonPlan, month: date, cell: UnitPlan) -> str:
    """missing, draft, on_time, late, returned or reviewed."""
    if month in p.forced:
        return p.forced[month]
    state = _drawn_state(ctx, p, month)
    months = ctx.org.months
    if state in ("on_time", "late") and cell.reviews_monthly and month < months[-2:][0]:
        return "reviewed"
    return state


def _drawn_state(ctx: Context, p: PersonPlan, month: date) -> str:
    rng = ctx.rng
    if rng.random() > p.diligence:
        return "draft" if rng.random() < 0.3 else "missing"
    is_last = month == ctx.org.months[-1]
    r = rng.random()
    if r < (0.03 if is_last else 0.04):
        return "returned"
    if r < (0.35 if is_last else 0.9):
        return "reviewed"
    return "on_time" if rng.random() < 0.5 + 0.4 * p.diligence else "late"


def _entry(ctx: Context, p: PersonPlan, month: date) -> EntryRow | None:
    cell = p.cell_in(month)
    registered = p.pledge in (PledgeStatus.ACCEPTED, PledgeStatus.SUBMITTED)
    if cell is None or p.exempt_in(month) or not registered:
        return None
    state = _entry_state(ctx, p, month, cell)
    if state == "missing":
        return None
    pledge_id, item_ids = ctx.pledge_of[p.id]
    secretary = ctx.secretary_user.get(cell.id)  # enters a paper handbook for a member
    entry = {"person_id": p.id, "month": month, "unit_id": cell.id, "pledge_id": pledge_id,
             "status": EntryStatus.DRAFT}  # fmt: skip
    if p.proxy and secretary != p.user_id:
        entry["entered_by_id"] = secretary  # nhập thay: the secretary types it in
    rating = _self_rating(ctx.rng, p)
    results = [_result(ctx, item_id, rating) for item_id in item_ids]
    if state == "draft":
        return entry, results[: ctx.below(len(results))]
    entry["self_rating"] = rating
    entry["self_assessment"] = ctx.rng.choice(SELF_ASSESSMENTS[rating])
    submit(ctx, entry, month, late=state == "late" or ctx.rng.random() < 0.12)
    if state == "returned":
        entry["status"] = EntryStatus.RETURNED
        entry["return_comment"] = ctx.rng.choice(ENTRY_RETURN_COMMENTS)
    elif state == "reviewed":
        _review(ctx, entry, ctx.reviewer(cell, p.user_id))
    return entry, results


def _self_rating(rng: random.Random, p: PersonPlan) -> str:
    weights = SELF_RATINGS_DILIGENT if p.diligence > 0.7 else SELF_RATINGS_OTHERS
    return rng.choices(RATING_ORDER, cum_weights=weights)[0]


# Cumulative weights over RATING_ORDER (not done, done, good, excellent).
SELF_RATINGS_DILIGENT = list(accumulate([3, 22, 60, 15]))
SELF_RATINGS_OTHERS = list(accumulate([12, 45, 40, 3]))
DONE_SHARE = {Rating.EXCELLENT: 0.9, Rating.GOOD: 0.75, Rating.DONE: 0.55, Rating.NOT_DONE: 0.25}


def _result(ctx: Context, item_id: int, rating: str) -> tuple[int, str, str]:
    r = ctx.rng.random()
    done = DONE_SHARE[rating]
    progress = (Progress.DONE if r < done else
                Progress.IN_PROGRESS if r < done + 0.3 else Progress.NOT_DONE)  # fmt: skip
    notes = NOTES[progress]
    return item_id, progress, notes[ctx.below(len(notes))]


@cache
def due_at(month: date) -> datetime:
    return _service_due_at(month)  # the same deadline as the services, once per month


@cache
def opens_at(month: date) -> datetime:
    return _service_opens_at(month)


def submit(ctx: Context, entry: dict, month: date, *, late: bool) -> None:
    """Submitted within the month's window (from its opening day, the 25th unless set, to the
    due day), or late: a month cannot be submitted before it opens."""
    due, opens = due_at(month), opens_at(month)
    window = (due.date() - opens.date()).days + 1
    day = due.date() + timedelta(days=1 + ctx.below(20)) if late else (
        opens.date() + timedelta(days=ctx.below(window)))  # fmt: skip
    at = max(ctx.moment(day), opens)
    entry["status"] = EntryStatus.SUBMITTED
    entry["first_submitted_at"] = entry["submitted_at"] = at
    # Exactly the rule of handbook.services.entry_submit.
    entry["on_time"] = opens <= at <= due


def _review(ctx: Context, entry: dict, reviewer: int | None) -> None:
    """The cell's review; about one in ten disagrees with the self-rating. Without a reviewer
    (ctx.reviewer) the month stays waiting."""
    rng, submitted = ctx.rng, entry["submitted_at"]
    at = ctx.moment(submitted.date() + timedelta(days=1 + ctx.below(15)), not_before=submitted)
    if at <= submitted or reviewer is None:  # too recent to have been reviewed yet
        return
    level = RATING_ORDER.index(entry["self_rating"])
    r, comments = rng.random(), REVIEW_COMMENTS
    if r < 0.08 and level > 0:
        level, comments = level - 1, LOWER_REVIEW_COMMENTS
    elif r < 0.1 and level < 3:
        level, comments = level + 1, HIGHER_REVIEW_COMMENTS
    entry["status"] = EntryStatus.REVIEWED
    entry["review_rating"] = RATING_ORDER[level]
    entry["review_comment"] = rng.choice(comments)
    entry["reviewed_by_id"], entry["reviewed_at"] = reviewer, at
