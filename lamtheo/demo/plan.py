"""The plan: what to insert, decided in memory first (units, people, their transfers and
exemptions), from a seeded random source and the data tables."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from lamtheo.core.periods import add_months
from lamtheo.demo.data.people import (
    DILIGENCE,
    EXEMPTION_REASONS,
    PLEDGE_STATES,
    STATUSES,
    VAGUENESS,
    Picker,
)
from lamtheo.demo.data.units import (
    BLOC_ORGS,
    CB,
    COMMUNE_ORGS,
    COMMUNE_RESIDENTIAL,
    DB,
    DEMO_ROOT_NAME,
    HEAD_TITLES,
    OFFICE_DUTIES,
    OFFICE_PREFIXES,
    PLACES,
    PROFILES,
    OrgTemplate,
)
from lamtheo.orgs.models import OrgUnit, UnitKind
from lamtheo.people.models import Gender, MemberStatus
from lamtheo.pledges.models import PledgeStatus


@dataclass(frozen=True)
class Size:
    """How much to generate. `cells_per_org` is an average: a chi bộ cơ sở is its own
    single cell, so the đảng bộ cơ sở get more. `groups` adds a level (communes, blocs)
    between the root and the grassroots organizations."""

    orgs: int = 60
    cells_per_org: float = 5.0
    people_per_cell: int = 10
    months: int | None = None  # handbook months from January; None: up to last month
    groups: int = 0


@dataclass(eq=False)
class UnitPlan:
    code: str
    name: str
    kind: str
    parent: UnitPlan | OrgUnit
    profile: str = ""
    org: UnitPlan | None = None  # the grassroots organization a cell belongs to
    # The secretary reviews each month by the next one's meeting: nothing older waits.
    reviews_monthly: bool = False
    id: int | None = None
    path: str = ""

    @property
    def is_cell(self) -> bool:
        return self.kind in (UnitKind.CELL, UnitKind.GRASSROOTS_CELL)


@dataclass(eq=False)
class PersonPlan:
    code: str
    full_name: str
    gender: str
    birth_date: date
    status: str
    duty: str
    trade: str
    cell: UnitPlan  # the cell today
    since: date  # first month in the cell (or in the first cell, for a transfer)
    moved: tuple[date, UnitPlan] | None = None  # (month, from cell) for a transfer
    exemption: tuple[date, date | None, str] | None = None
    pledge: str = PledgeStatus.ACCEPTED  # or "" for no registration
    diligence: float = 0.9
    vague: float = 0.15  # share of vague items this person writes
    proxy: bool = False  # no smartphone: the secretary enters the months
    is_secretary: bool = False
    is_deputy: bool = False
    login: str = ""  # a demo log-in name
    forced: dict[date, str] = field(default_factory=dict)  # month → entry state
    id: int | None = None
    user_id: int | None = None

    def cell_in(self, month: date) -> UnitPlan | None:
        if month < self.since:
            return None
        if self.moved and month < self.moved[0]:
            return self.moved[1]
        return self.cell

    def exempt_in(self, month: date) -> bool:
        if self.exemption is None:
            return False
        start, end, _ = self.exemption
        return start <= month and (end is None or month < end)


@dataclass
class Organization:
    root: OrgUnit
    year: int
    months: list[date]
    units: list[UnitPlan]
    people: list[PersonPlan]

    @property
    def cells(self) -> list[UnitPlan]:
        return [u for u in self.units if u.is_cell]


def plan_organization(
    rng: random.Random,
    *,
    root: OrgUnit,
    size: Size,
    year: int,
    months: list[date],
    cast: Callable[[Organization], None] | None = None,
) -> Organization:
    """Decide everything in memory. `cast` picks people for particular parts (the demo's
    log-ins) before transfers and exemptions are drawn among the others."""
    units = _plan_units(rng, root, size)
    people = _plan_people(rng, [u for u in units if u.is_cell], size, year, months)
    org = Organization(root, year, months, units, people)
    if cast is not None:
        cast(org)
    _plan_transfers(rng, people, months)
    _plan_exemptions(rng, people, year, months)
    _plan_deputies(people, months)
    return org


def _plan_units(rng: random.Random, root: OrgUnit, size: Size) -> list[UnitPlan]:
    if size.groups <= 0:
        orgs = _org_templates(BLOC_ORGS, [], size.orgs, "")
        return _plan_orgs(rng, root, root.code, orgs, size.cells_per_org)
    units: list[UnitPlan] = []
    per_group = [
        size.orgs // size.groups + (g < size.orgs % size.groups) for g in range(size.groups)
    ]
    for g, count in enumerate(per_group):
        group = _plan_group(root, g)
        units.append(group)
        if g == 0:  # the province's bloc of agencies
            templates = _org_templates(BLOC_ORGS, [], count, "")
        else:
            templates = _org_templates(
                COMMUNE_ORGS, COMMUNE_RESIDENTIAL, count, group.name.split(" ", 2)[-1]
            )
        units += _plan_orgs(rng, group, group.code, templates, size.cells_per_org)
    return units


def _plan_group(root: OrgUnit, g: int) -> UnitPlan:
    code = f"{root.code}-{g + 1:02d}"
    if g == 0:
        return UnitPlan(code, DEMO_ROOT_NAME, UnitKind.BLOC, root)
    place = PLACES[(g - 1) % len(PLACES)]
    if g > len(PLACES):
        place = f"{place} {(g - 1) // len(PLACES) + 1}"
    word = "phường" if g % 3 else "xã"
    return UnitPlan(code, f"Đảng bộ {word} {place}", UnitKind.COMMUNE, root)


def _org_templates(
    fixed: list[OrgTemplate], repeated: list[OrgTemplate], count: int, place: str
) -> list[OrgTemplate]:
    """`count` templates with their names filled in: the fixed ones first, then the
    repeated ones numbered (or the fixed ones again, numbered, if there are none)."""
    out = [_fill(t, place, 0) for t in fixed[:count]]
    pool = repeated or fixed
    for i in range(count - len(out)):
        t = pool[i % len(pool)]
        n = i + 1 if repeated else i // len(pool) + 2
        out.append(
            _fill(t, place, n)
            if repeated
            else OrgTemplate(f"{t.name} (cơ sở {n})", t.kind, t.profile, t.weight)
        )
    return out


def _fill(t: OrgTemplate, place: str, n: int) -> OrgTemplate:
    return OrgTemplate(t.name.format(place=place, n=n), t.kind, t.profile, t.weight, t.partial)


def _cell_counts(rng: random.Random, templates: list[OrgTemplate], per_org: float) -> list[int]:
    """One cell for a chi bộ cơ sở; the rest of the total shared by weight among the
    đảng bộ cơ sở (at least 2 each), with some spread."""
    total = round(len(templates) * per_org)
    grassroots = [t for t in templates if t.kind == DB]
    rest = max(total - (len(templates) - len(grassroots)), 2 * len(grassroots))
    weight = sum(t.weight for t in grassroots) or 1.0
    return [
        1 if t.kind == CB else max(2, round(rest * t.weight / weight * rng.uniform(0.7, 1.3)))
        for t in templates
    ]


def _plan_orgs(
    rng: random.Random,
    parent: UnitPlan | OrgUnit,
    code: str,
    templates: list[OrgTemplate],
    per_org: float,
) -> list[UnitPlan]:
    units: list[UnitPlan] = []
    width = 3 if len(templates) > 99 else 2
    for i, (t, n_cells) in enumerate(
        zip(templates, _cell_counts(rng, templates, per_org), strict=True)
    ):
        org = UnitPlan(f"{code}-{i + 1:0{width}d}", t.name, t.kind, parent, t.profile)
        org.org = org
        units.append(org)
        if t.kind == DB:
            units += _plan_cells(org, t, n_cells)
    return units


def _plan_cells(org: UnitPlan, t: OrgTemplate, n_cells: int) -> list[UnitPlan]:
    """The chi bộ trực thuộc of a đảng bộ cơ sở; a large one with a đảng bộ bộ phận holding
    some of them."""
    units: list[UnitPlan] = []
    departments = list(PROFILES[t.profile].departments)
    under_partial: list[str] = []
    if t.partial and n_cells >= 6:
        partial = UnitPlan(f"{org.code}-BP", t.partial[0], UnitKind.PARTIAL, org, t.profile, org)
        units.append(partial)
        under_partial = list(t.partial[1][: n_cells // 2])
        departments = [d for d in departments if d not in t.partial[1]]
        units += [
            _cell(partial, f"{partial.code}-{k + 1:02d}", d, t.profile, org)
            for k, d in enumerate(under_partial)
        ]
    for k in range(n_cells - len(under_partial)):
        d = departments[k % len(departments)]
        if k >= len(departments):
            d = f"{d} số {k // len(departments) + 1}"
        units.append(_cell(org, f"{org.code}-{k + 1:02d}", d, t.profile, org))
    return units


def _cell(parent: UnitPlan, code: str, department: str, profile: str, org: UnitPlan) -> UnitPlan:
    return UnitPlan(code, f"Chi bộ {department}", UnitKind.CELL, parent, profile, org)


def _workplace(cell: UnitPlan) -> str:
    """Where the person works: the department, or the agency for a chi bộ cơ sở."""
    return cell.name.removeprefix("Chi bộ ").removeprefix("Cơ quan ")


def _head_title(workplace: str) -> str:
    for prefix, title in HEAD_TITLES:
        if workplace.startswith(prefix):
            return title.format(w=workplace, rest=workplace.removeprefix(prefix).strip())
    # Sở, Trung tâm, Bệnh viện, Bảo tàng, Quỹ…: a deputy director leads the cell
    return f"Phó Giám đốc {workplace}"


def _duty(picker: Picker, cell: UnitPlan) -> tuple[str, str]:
    profile = PROFILES[cell.profile]
    workplace = _workplace(cell)
    table = OFFICE_DUTIES if workplace.startswith(OFFICE_PREFIXES) else profile.duties
    title, trade, _ = picker.pick(table)
    return (f"{title} {workplace}" if profile.at_place else title), trade


def _plan_people(
    rng: random.Random, cells: list[UnitPlan], size: Size, year: int, months: list[date]
) -> list[PersonPlan]:
    """About `people_per_cell` in each cell (60% to 140% of it); the first is the secretary."""
    picker = Picker(rng)
    people: list[PersonPlan] = []
    low, high = max(4, round(size.people_per_cell * 0.6)), round(size.people_per_cell * 1.4)
    for cell in cells:
        for k in range(rng.randint(low, max(low, high))):
            person = _plan_person(picker, cell, year, len(people) + 1, head=k == 0)
            if k and len(months) > 1 and rng.random() < 0.03:
                person.since = rng.choice(months[1:])  # arrived this year
            people.append(person)
    return people


def _plan_person(picker: Picker, cell: UnitPlan, year: int, n: int, *, head: bool) -> PersonPlan:
    rng = picker.rng
    gender = Gender.MALE if rng.random() < 0.52 else Gender.FEMALE
    age = rng.randint(40, 58) if head else rng.randint(24, 60)
    status = MemberStatus.FULL if head else picker.pick(STATUSES)[0]
    duty, trade = _duty(picker, cell)
    if head:
        at_place = PROFILES[cell.profile].at_place
        duty = _head_title(_workplace(cell)) if at_place else "Trưởng khu dân cư"
    joined = rng.randint(max(1990, year - age + 22), year - 1)
    if status == MemberStatus.PROBATIONARY:  # admitted within the last year or so
        joined = year - 1
    return PersonPlan(
        code=f"DV{n:06d}",
        full_name=picker.name(gender),
        gender=gender,
        birth_date=date(year - age, rng.randint(1, 12), rng.randint(1, 28)),
        status=status,
        duty=duty,
        trade=trade,
        cell=cell,
        since=date(joined, rng.randint(1, 12), 1),
        is_secretary=head,
        pledge=PledgeStatus.ACCEPTED if head else picker.pick(PLEDGE_STATES)[0],
        diligence=picker.pick(DILIGENCE)[0],
        vague=picker.pick(VAGUENESS)[0],
        proxy=age > 55 and rng.random() < 0.25,  # older members without a smartphone
    )


def _plan_transfers(rng: random.Random, people: list[PersonPlan], months: list[date]) -> None:
    """A few people move to another cell of the same organization mid-year."""
    if len(months) < 3:
        return
    by_org: dict[int, list[UnitPlan]] = {}
    for p in people:
        by_org.setdefault(id(p.cell.org), [])
        if p.cell not in by_org[id(p.cell.org)]:
            by_org[id(p.cell.org)].append(p.cell)
    movable = [
        p
        for p in people
        if not p.is_secretary and not p.login and not p.forced and len(by_org[id(p.cell.org)]) > 1
    ]
    for p in rng.sample(movable, min(len(movable), max(2, len(people) // 200))):
        month = rng.choice(months[1:])
        if month <= p.since:
            continue
        target = rng.choice([c for c in by_org[id(p.cell.org)] if c is not p.cell])
        p.moved, p.cell = (month, p.cell), target


def _plan_exemptions(
    rng: random.Random, people: list[PersonPlan], year: int, months: list[date]
) -> None:
    """A few people exempt from party work: some all year, some from a month on."""
    candidates = [
        p
        for p in people
        if not p.is_secretary
        and not p.moved
        and not p.login
        and not p.forced
        and p.status != MemberStatus.NON_MEMBER
    ]
    for p in rng.sample(candidates, min(len(candidates), max(2, len(people) // 120))):
        earlier = rng.random() < 0.4 or not months  # exempt since before this year
        start = date(year - 1, rng.randint(1, 12), 1) if earlier else rng.choice(months)
        end = add_months(start, rng.randint(3, 6)) if rng.random() < 0.3 else None
        p.exemption = (start, end, rng.choice(EXEMPTION_REASONS))
        if start <= date(year, 1, 1) and (end is None or end.year > year):
            p.pledge = ""  # exempt all year: not expected to register


def _plan_deputies(people: list[PersonPlan], months: list[date]) -> None:
    """A phó bí thư in each cell: its first full member who is there all year (no demo
    log-in, no transfer, no exemption). No random draw: the rest of the plan stays as it was.
    The deputy reviews the secretary's own registration and months (nobody reviews their own
    work; pledges.selectors.ReviewRouting)."""
    done: set[int] = set()
    for p in people:
        cell = p.cell
        if (
            id(cell) in done
            or p.is_secretary
            or p.login
            or p.moved
            or p.exemption
            or p.status != MemberStatus.FULL
            or not p.pledge
            or (months and p.since > months[0])
        ):
            continue
        p.is_deputy = True
        done.add(id(cell))
