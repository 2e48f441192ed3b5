"""The figures kept up to date by the services equal a rebuild from the records.

A seeded random run of a campaign year goes through the same services as the app:
people join (some with a start in an earlier year, as an import of old members does),
move between cells, are exempted; registrations are written, submitted, accepted and
returned; handbook months are filled, submitted on time or late, returned, refilled and
reviewed. Then the maintained rows are compared, field by field, with rebuild_year.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from lamtheo.core import figures
from lamtheo.core.errors import DomainError
from lamtheo.core.periods import add_months
from lamtheo.dashboard.figures import rebuild_year
from lamtheo.dashboard.models import CellMonthStat, CellYearStat
from lamtheo.handbook import services as handbook
from lamtheo.handbook.models import EntryStatus, HandbookEntry, Progress, Rating
from lamtheo.orgs.models import OrgUnit, UnitKind
from lamtheo.orgs.services import unit_create
from lamtheo.people import services as people
from lamtheo.people.models import MemberStatus, Person
from lamtheo.pledges import services as pledges
from lamtheo.pledges.models import Pledge, PledgeStatus

YEAR = timezone.localdate().year - 1  # every month of last year has begun
MONTHS = [date(YEAR, m, 1) for m in range(1, 13)]
MONTH_FIELDS = ("path", "members", "expected", "submitted", "on_time", "reviewed", "returned")
YEAR_FIELDS = ("path", "expected", "registered", "accepted", "returned", "items",
               "specific_items")  # fmt: skip
NAMES = ["Nguyễn Văn Minh", "Trần Thị Hoa", "Lê Quang Huy", "Phạm Thị Thu Trang",
         "Võ Đức Thắng", "Đặng Thị Yến", "Bùi Văn Nam", "Hồ Ngọc Lan"]  # fmt: skip


class Clock:
    """Stands in for django.utils.timezone inside handbook.services, so that a month is
    submitted around its due day (on time or late) rather than all late, as today."""

    def __init__(self) -> None:
        self.at = timezone.now()

    def now(self) -> datetime:
        return self.at

    def localdate(self) -> date:
        return timezone.localtime(self.at).date()

    make_aware = staticmethod(timezone.make_aware)

    def around_due_day(self, rng: random.Random, month: date) -> None:
        day = add_months(month, 1) + timedelta(days=rng.randint(0, 12))
        self.at = timezone.make_aware(datetime.combine(day, time(rng.randint(7, 22))))


@pytest.fixture
def clock(monkeypatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(handbook, "timezone", c)
    return c


@dataclass
class Play:
    """One random campaign year; each step picks an action, and a refusal by a service
    (DomainError) is part of the game: it must leave the figures unchanged."""

    tree: object
    clock: Clock
    rng: random.Random
    cells: list[OrgUnit]
    done: dict[str, int] = field(default_factory=dict)

    def run(self, steps: int) -> None:
        weights = {self.join: 2, self.transfer: 1, self.exempt: 0.5, self.register: 3,
                   self.accept: 1, self.send_back: 0.5, self.rewrite: 1.5, self.fill: 7,
                   self.review: 2, self.hand_back: 1.5, self.refill: 1.5}  # fmt: skip
        for _ in range(steps):
            action = self.rng.choices(list(weights), weights=list(weights.values()))[0]
            try:
                action()
                self.done[action.__name__] = self.done.get(action.__name__, 0) + 1
            except DomainError:
                pass

    # --- people ---------------------------------------------------------------------

    def someone(self) -> Person:
        return self.rng.choice(list(Person.objects.filter(cell__isnull=False).order_by("pk")))

    def join(self) -> None:
        n = Person.objects.count() + 1
        start = self.rng.choice([date(YEAR - 2, 6, 1), date(YEAR - 1, 11, 1), *MONTHS])
        status = self.rng.choice([MemberStatus.FULL, MemberStatus.FULL, MemberStatus.PROBATIONARY,
                                  MemberStatus.NON_MEMBER])  # fmt: skip
        people.person_create(actor=self.tree.admin_user, code=f"NG{n:04d}",
                             full_name=self.rng.choice(NAMES), status=status,
                             cell=self.rng.choice(self.cells), start_month=start,
                             duty="Chuyên viên phòng Tổng hợp")  # fmt: skip

    def transfer(self) -> None:
        person = self.someone()
        to_cell = self.rng.choice([c for c in self.cells if c.pk != person.cell_id])
        people.person_transfer(actor=self.tree.admin_user, person=person, to_cell=to_cell,
                               month=self.rng.choice(MONTHS[1:]))  # fmt: skip

    def exempt(self) -> None:
        person = self.someone()
        # Any start, also before a transfer: every cell the person was in must follow.
        starts = [date(YEAR - 1, 9, 1), *MONTHS]
        if not starts:
            raise DomainError("Không có tháng phù hợp.")
        start = self.rng.choice(starts)
        end = self.rng.choice([None, add_months(start, self.rng.randint(1, 5))])
        people.person_exempt(actor=self.tree.admin_user, person=person, start_month=start,
                             end_month=end, reason="Ốm đau dài ngày")  # fmt: skip

    # --- registrations --------------------------------------------------------------

    def items(self, pledge: Pledge) -> list[pledges.ItemInput]:
        texts = [
            ("Giải quyết đúng hạn 100% hồ sơ được giao", "100% hồ sơ", "Hằng tháng"),
            ("Thực hiện tốt nhiệm vụ", "", ""),
            ("Viết 2 bài tuyên truyền gương người tốt mỗi quý", "8 bài", "Hằng quý"),
        ]
        kept = [pledges.ItemInput(area=i.area, text=i.text, id=i.pk)
                for i in pledge.items.all() if self.rng.random() < 0.7]  # fmt: skip
        new = [pledges.ItemInput(area=self.rng.choice(self.tree.areas), text=t, target=g,
                                 timeframe=f)
               for t, g, f in self.rng.sample(texts, self.rng.randint(1, 3))]  # fmt: skip
        return kept + new

    def register(self) -> None:
        unregistered = Person.objects.filter(cell__isnull=False).exclude(pledges__year=YEAR)
        person = self.pick(unregistered) if self.rng.random() < 0.8 else self.someone()
        pledge = pledges.pledge_start(actor=person.user, person=person, year=YEAR)
        pledges.pledge_save_items(actor=person.user, pledge=pledge, items=self.items(pledge),
                                  version=pledge.version)  # fmt: skip
        if self.rng.random() < 0.8:
            pledges.pledge_submit(actor=person.user, pledge=pledge, version=pledge.version)

    def decidable(self, qs):
        """What the secretary may decide: nobody reviews their own work."""
        return qs.exclude(person__user=self.tree.secretary_user)

    def accept(self) -> None:
        pledge = self.pick(
            self.decidable(Pledge.objects.filter(year=YEAR).exclude(status=PledgeStatus.DRAFT))
        )
        pledges.pledge_accept(actor=self.tree.secretary_user, pledge=pledge,
                              version=pledge.version)  # fmt: skip

    def send_back(self) -> None:
        pledge = self.pick(
            self.decidable(Pledge.objects.filter(year=YEAR).exclude(status=PledgeStatus.DRAFT))
        )
        pledges.pledge_return(
            actor=self.tree.secretary_user,
            pledge=pledge,
            version=pledge.version,
            comment="Cần ghi rõ chỉ tiêu.",
        )

    def rewrite(self) -> None:
        pledge = self.pick(Pledge.objects.filter(year=YEAR, status=PledgeStatus.RETURNED))
        pledges.pledge_save_items(actor=None, pledge=pledge, items=self.items(pledge),
                                  version=pledge.version)  # fmt: skip
        pledges.pledge_submit(actor=None, pledge=pledge, version=pledge.version)

    # --- handbook months ------------------------------------------------------------

    def fill(self) -> None:
        registered = Pledge.objects.registered().filter(year=YEAR)
        person, month = self.pick(registered).person, self.rng.choice(MONTHS)
        self.clock.around_due_day(self.rng, month)
        actor = (
            person.user if person.user and self.rng.random() < 0.8 else (self.tree.secretary_user)
        )  # nhập thay
        entry = handbook.entry_start(actor=actor, person=person, month=month)
        for item in entry.pledge.items.all():
            progress = self.rng.choice(Progress.values)
            handbook.entry_save_item(actor=actor, entry=entry, item=item, progress=progress,
                                     note="", version=entry.version)  # fmt: skip
        handbook.entry_save_self(actor=actor, entry=entry, self_assessment="Đã thực hiện",
                                 self_rating=self.rng.choice(Rating.values),
                                 version=entry.version)  # fmt: skip
        if self.rng.random() < 0.85:
            handbook.entry_submit(actor=actor, entry=entry, version=entry.version)

    def submitted_entry(self) -> HandbookEntry:
        return self.pick(self.decidable(HandbookEntry.objects.submitted()))

    def review(self) -> None:
        entry = self.submitted_entry()
        handbook.entry_review(
            actor=self.tree.secretary_user,
            entry=entry,
            comment="Tốt",
            rating=self.rng.choice(Rating.values),
            version=entry.version,
        )

    def hand_back(self) -> None:
        entry = self.submitted_entry()
        handbook.entry_return(
            actor=self.tree.secretary_user,
            entry=entry,
            comment="Bổ sung kết quả.",
            version=entry.version,
        )

    def refill(self) -> None:
        entry = self.pick(HandbookEntry.objects.filter(status=EntryStatus.RETURNED))
        self.clock.around_due_day(self.rng, entry.month)
        handbook.entry_save_self(
            actor=None,
            entry=entry,
            self_assessment="Đã bổ sung",
            self_rating=Rating.GOOD,
            version=entry.version,
        )
        handbook.entry_submit(actor=None, entry=entry, version=entry.version)

    def pick(self, qs):
        found = list(qs.order_by("pk"))
        if not found:
            raise DomainError("Chưa có gì để làm.")
        return self.rng.choice(found)


def snapshot(year: int) -> dict[tuple, tuple]:
    rows = {
        ("month", unit, month): tuple(values)
        for unit, month, *values in CellMonthStat.objects.filter(month__year=year)
        .values_list("unit_id", "month", *MONTH_FIELDS)
    }  # fmt: skip
    rows |= {
        ("year", unit): tuple(values)
        for unit, *values in CellYearStat.objects.filter(year=year)
        .values_list("unit_id", *YEAR_FIELDS)
    }  # fmt: skip
    return rows


def differences(kept: dict, rebuilt: dict) -> list[str]:
    return [f"{key}: kept {kept.get(key)}, rebuilt {rebuilt.get(key)}"
            for key in sorted(kept.keys() | rebuilt.keys(), key=str)
            if kept.get(key) != rebuilt.get(key)]  # fmt: skip


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:
    # Runs before the shared tree fixture: its accounts need no slow password hashing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cells(tree) -> list[OrgUnit]:
    """The shared tree plus a đảng bộ bộ phận with a cell, another cell and two members."""
    partial = unit_create(code="BP1", name="Đảng bộ bộ phận Khối 1", kind=UnitKind.PARTIAL,
                          parent=tree.org)  # fmt: skip
    cell3 = unit_create(code="CB3", name="Chi bộ Phòng 3", kind=UnitKind.CELL, parent=partial)
    cell4 = unit_create(code="CB4", name="Chi bộ Phòng 4", kind=UnitKind.CELL, parent=tree.org)
    for code, name, cell in (("DV101", "Ngô Thị Mai", cell3), ("DV102", "Đỗ Văn Tùng", cell4)):
        people.person_create(actor=None, code=code, full_name=name, status=MemberStatus.FULL,
                             cell=cell, start_month=date(2019, 3, 1))  # fmt: skip
    return [tree.cell, tree.cell2, tree.cell_b, cell3, cell4]


@pytest.mark.parametrize("seed", [2, 3])
def test_the_kept_figures_equal_a_rebuild_after_random_changes(tree, cells, clock, seed):
    figures.open_year(YEAR)  # as the cron job on 1 January
    play = Play(tree, clock, random.Random(seed), cells)
    play.run(steps=170)
    kept = snapshot(YEAR)

    rebuild_year(YEAR)

    assert differences(kept, snapshot(YEAR)) == []
    # The run really moved the figures (an empty year would agree trivially).
    assert set(play.done) == {
        "join",
        "transfer",
        "exempt",
        "register",
        "accept",
        "send_back",
        "rewrite",
        "fill",
        "review",
        "hand_back",
        "refill",
    }
    months = CellMonthStat.objects.filter(month__year=YEAR)
    for name, least in (("submitted", 10), ("on_time", 1), ("reviewed", 1)):
        assert sum(months.values_list(name, flat=True)) >= least, name
    assert sum(CellYearStat.objects.filter(year=YEAR).values_list("registered", flat=True)) > 3


def test_rebuild_repairs_a_row_that_went_wrong(tree, cells):
    figures.open_year(YEAR)
    good = snapshot(YEAR)
    CellMonthStat.objects.filter(unit=tree.cell, month=MONTHS[4]).update(expected=99)
    CellYearStat.objects.filter(unit=tree.cell, year=YEAR).delete()

    rebuild_year(YEAR)

    assert snapshot(YEAR) == good


def test_someone_joining_in_an_earlier_year_counts_in_a_later_year_that_has_figures(tree, cells):
    figures.open_year(YEAR)
    before = CellMonthStat.objects.get(unit=tree.cell2, month=MONTHS[6]).expected

    people.person_create(actor=None, code="DV200", full_name="Lý Thị Hằng",
                         status=MemberStatus.FULL, cell=tree.cell2,
                         start_month=date(YEAR - 1, 5, 1))  # fmt: skip

    assert CellMonthStat.objects.get(unit=tree.cell2, month=MONTHS[6]).expected == before + 1
    assert CellYearStat.objects.get(unit=tree.cell2, year=YEAR).expected == before + 1


def test_an_exemption_reaching_back_before_a_transfer_updates_the_cell_left(tree, cells):
    figures.open_year(YEAR)
    outsider = tree.outsider
    people.person_transfer(actor=None, person=outsider, to_cell=tree.cell_b, month=MONTHS[5])

    people.person_exempt(actor=None, person=outsider, start_month=MONTHS[2], reason="Ốm")

    kept = snapshot(YEAR)
    rebuild_year(YEAR)
    assert differences(kept, snapshot(YEAR)) == []


def test_rebuild_stats_rebuilds_each_year_from_the_first_to_the_last_with_figures(tree, cells):
    CellMonthStat.objects.all().delete()
    CellYearStat.objects.all().delete()
    figures.open_year(YEAR - 4)
    figures.open_year(YEAR - 2)
    good = snapshot(YEAR - 2)
    CellMonthStat.objects.filter(unit=tree.cell, month=date(YEAR - 2, 5, 1)).update(expected=99)

    assert figures.years_with_records() == [YEAR - 4, YEAR - 3, YEAR - 2, timezone.localdate().year]
    call_command("rebuild_stats", stdout=StringIO())

    assert snapshot(YEAR - 2) == good
    # The year between, which had no figures, is built too.
    assert CellYearStat.objects.filter(year=YEAR - 3).count() == len(cells) > 0
