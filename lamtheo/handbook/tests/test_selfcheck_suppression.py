"""No count hidden on the self-check pages ("dưới 3") can be found again by subtraction:
every page, its drill-down and its export of a generated tree are read together, as an
attacker would, and each sum (a total and its rows, an item's count and its count in each
child) is solved for the hidden counts."""

from __future__ import annotations

import html
import io
import random
import re
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lamtheo.campaign.models import Manifestation
from lamtheo.core.periods import month_slug, month_start
from lamtheo.handbook import services
from lamtheo.handbook.selectors import SMALL_COUNT_LABEL, WITHHELD_LABEL, suppress_children
from lamtheo.orgs.models import OrgUnit, UnitKind
from lamtheo.orgs.services import unit_create
from lamtheo.people.models import Person
from lamtheo.tests.helpers import make_person, sign_in

MONTH = month_start(date.today())
HIDDEN = {SMALL_COUNT_LABEL, WITHHELD_LABEL}


def _tick(person, ids) -> None:
    services.selfcheck_save(
        actor=person.user,
        person=person,
        month=MONTH,
        manifestation_ids=ids,
        correction="",
        version=0,
    )


def _generate(tree, seed: int) -> None:
    """Three more grassroots organizations of four to five cells under the bloc; in each
    cell some people tick a few of a handful of items, so most counts are small."""
    rng = random.Random(seed)
    items = [m.pk for m in Manifestation.objects.order_by("group", "number")[:5]]
    cells = [tree.cell, tree.cell2, tree.cell_b]
    for o in range(3):
        org = unit_create(
            code=f"S{seed}O{o}", name=f"Đảng bộ thử {o}", kind=UnitKind.GRASSROOTS, parent=tree.bloc
        )
        cells += [
            unit_create(
                code=f"S{seed}O{o}C{c}", name=f"Chi bộ thử {o}.{c}", kind=UnitKind.CELL, parent=org
            )
            for c in range(rng.randint(4, 5))
        ]
    n = 0
    for cell in cells:
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4, 6])):
            n += 1
            person = make_person(f"T{seed}{n:04}", f"Người Thử {n}", cell)
            _tick(person, rng.sample(items, rng.randint(1, 3)))


def _cell_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def _value(text) -> int | str:
    if isinstance(text, int) or text in HIDDEN:
        return text
    return int(str(text).replace(".", ""))


def _read_page(client, unit) -> dict:
    """What a unit's page and its export show: the total, each child's row, each item."""
    query = {"thang": month_slug(MONTH)}
    page = client.get(reverse("handbook:selfcheck_stats", args=[unit.code]), query)
    assert page.status_code == 200
    text = page.content.decode()
    total = _value(_cell_text(re.search(r'class="dash-big">(.*?)</span>', text).group(1)))
    rows = {}
    for name, cells in re.findall(r'<tr>\s*<th scope="row">(.*?)</th>(.*?)</tr>', text, re.S):
        if _cell_text(name) != "Cộng":
            rows[_cell_text(name)] = _value(_cell_text(re.findall(r"<td.*?</td>", cells, re.S)[-1]))
    items = {
        code: _value(_cell_text(n))
        for code, n in re.findall(
            r'<tr><td>(\w+)</td><td>.*?</td><td class="num">(.*?)</td></tr>', text
        )
    }
    export = client.get(reverse("handbook:selfcheck_stats_export", args=[unit.code]), query)
    assert export.status_code == 200
    wb = load_workbook(io.BytesIO(export.content))
    sheet_rows = [
        r for r in wb["Theo tổ chức"].iter_rows(values_only=True) if r and isinstance(r[0], int)
    ]
    assert {r[1]: _value(r[3]) for r in sheet_rows} == rows  # the export tells no more
    sheet_items = {
        r[0]: _value(r[2])
        for r in wb["Theo biểu hiện"].iter_rows(values_only=True)
        if r and r[0] in items and len(r) > 2
    }
    assert sheet_items == items
    return {"total": total, "rows": rows, "items": items}


def _domain(shown, cap: int) -> set[int]:
    if shown == SMALL_COUNT_LABEL:
        return {1, 2}
    if shown == WITHHELD_LABEL:
        return set(range(cap + 1))
    return {shown}


def _narrow(domains: list[set[int]], cap: int) -> list[set[int]]:
    """The values each count can still take so that the first = the sum of the others."""
    out = []
    for i in range(len(domains)):
        others = {0}
        for j, d in enumerate(domains[1:], start=1):
            if j != i:
                others = {a + b for a in others for b in d if a + b <= cap}
        if i == 0:
            out.append(domains[0] & others)
        else:
            out.append({v for v in domains[i] if any(p - v in others for p in domains[0])})
    return out


def _attack(seen: dict, units: list, cap: int) -> None:
    """Reads every sum of the tree together, narrowing what each hidden count can be until
    nothing changes (a count pinned in one table pins others through the drill-down), and
    fails on a hidden count left with one possible value."""
    keys = [None, *next(iter(seen.values()))["items"]]

    def shown(unit, key):
        return seen[unit.pk]["total"] if key is None else seen[unit.pk]["items"][key]

    domains = {(u.pk, k): _domain(shown(u, k), cap) for u in units for k in keys}
    sums = [
        [(u.pk, k)] + [(c.pk, k) for c in units if c.parent_id == u.pk]
        for u in units
        for k in keys
        if any(c.parent_id == u.pk for c in units)
    ]
    changed = True
    while changed:
        changed = False
        for names in sums:
            for name, values in zip(names, _narrow([domains[n] for n in names], cap), strict=True):
                if values != domains[name]:
                    domains[name], changed = values, True
    for u in units:
        for k in keys:
            if shown(u, k) in HIDDEN:
                values = domains[(u.pk, k)]
                assert len(values) > 1, f"{u.code} {k or 'tổng'} ({shown(u, k)}) is {values}"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_hidden_count_is_recovered_from_the_pages_of_a_tree(tree, client, seed):
    _generate(tree, seed)
    sign_in(client, tree.admin_user)
    units = list(OrgUnit.objects.all())
    seen = {u.pk: _read_page(client, u) for u in units}
    hidden = 0
    for unit in units:
        page = seen[unit.pk]
        hidden += sum(v in HIDDEN for v in page["rows"].values())
        for child in (u for u in units if u.parent_id == unit.pk):
            # the drill-down shows a child as its parent's row does
            assert seen[child.pk]["total"] == page["rows"].get(child.name, 0), child.name
    _attack(seen, units, cap=Person.objects.count())
    assert hidden  # the tree had small counts to hide


def test_one_small_row_takes_the_next_smallest_with_it():
    shown = suppress_children(9, {"a": 1, "b": 5, "c": 3})
    assert shown == {"a": SMALL_COUNT_LABEL, "b": 5, "c": WITHHELD_LABEL}


def test_two_rows_of_one_person_are_not_both_pinned_by_the_bounds():
    # 2 = 1 + 1 would pin both "dưới 3" rows: a third is withheld
    shown = suppress_children(5, {"a": 1, "b": 1, "c": 3})
    assert shown == {"a": SMALL_COUNT_LABEL, "b": SMALL_COUNT_LABEL, "c": WITHHELD_LABEL}


def test_a_withheld_total_withholds_every_row_but_the_zeros():
    shown = suppress_children(WITHHELD_LABEL, {"a": 4, "b": 1, "c": 0})
    assert shown == {"a": WITHHELD_LABEL, "b": WITHHELD_LABEL, "c": 0}


def test_rows_under_a_total_below_three_are_withheld_when_the_bounds_pin_them():
    shown = suppress_children(SMALL_COUNT_LABEL, {"a": 1, "b": 1})
    assert shown == {"a": WITHHELD_LABEL, "b": WITHHELD_LABEL}
