"""Every registered figure keeper's maintained rows equal a rebuild from the records.

A seeded random campaign year goes through the services as the app does: people join, move
between cells and are exempted; registrations are written, submitted, accepted and returned;
handbook months are filled, submitted, reviewed and returned; self-checks are ticked; cells
record meetings and their attendance; committees schedule, change and cancel study sessions
and cells record who attended; committees plan, open, move, cancel and conclude inspections,
their teams record and remove findings, and the units answer for the remedies; then the
bloc's bodies record, correct and annul discipline decisions. Nothing opens the year
beforehand: its first write does. Then,
for each keeper registered with core.figures, its rows of the year are compared with its
rebuild. The roster import is played on top of such a year in a test of its own.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from lamtheo.campaign.models import Manifestation, Topic
from lamtheo.core import figures
from lamtheo.core.errors import DomainError
from lamtheo.core.periods import add_months
from lamtheo.dashboard.models import CellMonthStat, CellYearStat
from lamtheo.handbook import services as handbook
from lamtheo.handbook.models import HandbookEntry, Progress, Rating, SelfCheck
from lamtheo.inspections import services as inspections
from lamtheo.inspections.discipline import services as discipline
from lamtheo.inspections.discipline.models import DisciplineForm, DisciplineRecord, Organ
from lamtheo.inspections.models import (
    Finding,
    FindingCategory,
    FindingKind,
    Inspection,
    InspectionKind,
    InspectionPlan,
    InspectionState,
    RemedyState,
)
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.meetings import services as meetings
from lamtheo.learning.meetings.models import CellMeeting, CellMeetingStat, MeetingKind
from lamtheo.learning.study import services as study
from lamtheo.learning.study.models import SessionFormat, SessionKind, StudySession, StudySheet
from lamtheo.orgs.models import CELL_KINDS, OrgUnit, RoleKind, UnitKind
from lamtheo.orgs.services import role_grant, unit_create
from lamtheo.people import services as people
from lamtheo.people.imports import build_template, roster_import
from lamtheo.people.models import Exemption, LeavingKind, MemberStatus, Person
from lamtheo.pledges import services as pledges
from lamtheo.pledges.models import Pledge, PledgeStatus

YEAR = timezone.localdate().year - 1  # every month of last year has begun
MONTHS = [date(YEAR, m, 1) for m in range(1, 13)]
NAMES = ["Nguyễn Văn Minh", "Trần Thị Hoa", "Lê Quang Huy", "Phạm Thị Thu Trang",
         "Võ Đức Thắng", "Đặng Thị Yến", "Bùi Văn Nam", "Hồ Ngọc Lan"]  # fmt: skip
KEEPERS = pytest.mark.parametrize("keeper", figures.keepers(), ids=lambda k: k.name)


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:
    # Runs before the shared tree fixture: its accounts need no slow password hashing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Play:
    """One random campaign year; each step picks an action, and a refusal by a service
    (DomainError) is part of the game: it must leave the figures unchanged."""

    tree: object
    rng: random.Random
    cells: list[OrgUnit] = field(default_factory=list)
    done: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        extra = unit_create(code="CB3", name="Chi bộ Phòng 3", kind=UnitKind.CELL,
                            parent=self.tree.org)  # fmt: skip
        self.cells = list(OrgUnit.objects.filter(kind__in=CELL_KINDS).order_by("pk"))
        assert extra in self.cells
        # The secretary records meetings and attendance, and reviews, in every cell.
        role_grant(actor=None, user=self.officer, unit=self.tree.bloc, kind=RoleKind.DEPUTY)
        self.officer._lamtheo_grants = None

    @property
    def officer(self):
        return self.tree.secretary_user

    def run(self, steps: int) -> None:
        weights = {self.join: 2, self.transfer: 1, self.exempt: 0.5, self.end_exemption: 0.3,
                   self.leave: 0.5, self.come_back: 0.3, self.register: 3,
                   self.accept: 1, self.send_back: 0.5, self.resubmit: 1, self.fill: 6,
                   self.review: 2, self.hand_back: 1, self.self_check: 2, self.meet: 3,
                   self.meeting_attendance: 2, self.drop_meeting: 0.3, self.schedule: 1,
                   self.reschedule: 0.5, self.cancel: 0.3, self.study_attendance: 4}  # fmt: skip
        self.play(steps, weights)

    def run_inspections(self, steps: int) -> None:
        """A year of inspections, after the rest (the same random stream, so the steps
        above stay what they were): they count units, not people."""
        weights = {self.inspect: 2, self.open_inspection: 1.5, self.find: 3,
                   self.drop_finding: 0.3, self.move_inspection: 0.3,
                   self.cancel_inspection: 0.3, self.conclude: 1, self.report_remedy: 1.5,
                   self.accept_remedy: 0.7, self.reopen_remedy: 0.3}  # fmt: skip
        self.play(steps, weights)

    def play(self, steps: int, weights: dict) -> None:
        for _ in range(steps):
            action = self.rng.choices(list(weights), weights=list(weights.values()))[0]
            try:
                action()
                self.done.add(action.__name__)
            except DomainError:
                pass

    def pick(self, qs):
        found = list(qs.order_by("pk"))
        if not found:
            raise DomainError("Chưa có gì để làm.")
        return self.rng.choice(found)

    def month(self) -> date:
        return self.rng.choice(MONTHS)

    # --- people ---------------------------------------------------------------------

    def someone(self) -> Person:
        return self.pick(Person.objects.filter(cell__isnull=False))

    def join(self) -> None:
        n = Person.objects.count() + 1
        people.person_create(actor=None, code=f"NG{n:04d}", full_name=self.rng.choice(NAMES),
                             status=self.rng.choice([MemberStatus.FULL, MemberStatus.NON_MEMBER]),
                             cell=self.rng.choice(self.cells),
                             start_month=self.rng.choice([date(YEAR - 1, 11, 1), *MONTHS]),
                             duty="Chuyên viên")  # fmt: skip

    def transfer(self) -> None:
        person = self.someone()
        to_cell = self.rng.choice([c for c in self.cells if c.pk != person.cell_id])
        people.person_transfer(actor=None, person=person, to_cell=to_cell,
                               month=self.rng.choice(MONTHS[1:]))  # fmt: skip

    def exempt(self) -> None:
        start = self.rng.choice([date(YEAR - 1, 9, 1), *MONTHS])
        end = self.rng.choice([None, add_months(start, self.rng.randint(1, 5))])
        people.person_exempt(actor=None, person=self.someone(), start_month=start,
                             end_month=end, reason="Ốm đau dài ngày")  # fmt: skip

    def end_exemption(self) -> None:
        exemption = self.pick(Exemption.objects.filter(end_month__isnull=True))
        people.exemption_end(actor=None, exemption=exemption, version=exemption.person.version,
                             end_month=self.rng.choice(MONTHS[1:]))  # fmt: skip

    def leave(self) -> None:
        person = self.someone()
        kind = self.rng.choice(list(LeavingKind))
        people.person_leave(actor=None, person=person, kind=kind, month=self.month(),
                            receiving_unit="Đảng bộ tỉnh bạn", version=person.version)  # fmt: skip

    def come_back(self) -> None:
        person = self.pick(Person.objects.filter(leavings__returned_month__isnull=True,
                                                 leavings__isnull=False))  # fmt: skip
        people.person_return(actor=None, person=person, cell=self.rng.choice(self.cells),
                             month=self.month(), version=person.version)  # fmt: skip

    # --- registrations --------------------------------------------------------------

    def items(self) -> list[pledges.ItemInput]:
        texts = ["Giải quyết đúng hạn 100% hồ sơ được giao", "Thực hiện tốt nhiệm vụ",
                 "Viết 2 bài tuyên truyền gương người tốt mỗi quý"]  # fmt: skip
        return [pledges.ItemInput(area=self.rng.choice(self.tree.areas), text=t)
                for t in self.rng.sample(texts, self.rng.randint(1, 3))]  # fmt: skip

    def register(self) -> None:
        person = self.pick(Person.objects.filter(cell__isnull=False).exclude(pledges__year=YEAR))
        pledge = pledges.pledge_start(actor=None, person=person, year=YEAR)
        pledges.pledge_save_items(actor=None, pledge=pledge, items=self.items(),
                                  version=pledge.version)  # fmt: skip
        pledges.pledge_submit(actor=None, pledge=pledge, version=pledge.version)

    def accept(self) -> None:
        pledge = self.pick(Pledge.objects.filter(year=YEAR, status=PledgeStatus.SUBMITTED))
        pledges.pledge_accept(actor=self.officer, pledge=pledge, version=pledge.version)

    def send_back(self) -> None:
        pledge = self.pick(Pledge.objects.registered().filter(year=YEAR))
        pledges.pledge_return(actor=self.officer, pledge=pledge, version=pledge.version,
                              comment="Cần ghi rõ chỉ tiêu.")  # fmt: skip

    def resubmit(self) -> None:
        pledge = self.pick(Pledge.objects.filter(year=YEAR, status=PledgeStatus.RETURNED))
        pledges.pledge_save_items(actor=None, pledge=pledge, items=self.items(),
                                  version=pledge.version)  # fmt: skip
        pledges.pledge_submit(actor=None, pledge=pledge, version=pledge.version)

    # --- handbook months and self-checks --------------------------------------------

    def fill(self) -> None:
        person = self.pick(Person.objects.filter(pledges__in=Pledge.objects.registered()))
        entry = handbook.entry_start(actor=None, person=person, month=self.month())
        for item in entry.pledge.items.all():
            handbook.entry_save_item(actor=None, entry=entry, item=item, note="",
                                     progress=self.rng.choice(Progress.values),
                                     version=entry.version)  # fmt: skip
        handbook.entry_save_self(actor=None, entry=entry, self_assessment="Đã thực hiện",
                                 self_rating=Rating.GOOD, version=entry.version)  # fmt: skip
        handbook.entry_submit(actor=None, entry=entry, version=entry.version)

    def review(self) -> None:
        entry = self.pick(HandbookEntry.objects.submitted())
        handbook.entry_review(actor=self.officer, entry=entry, comment="Tốt",
                              rating=Rating.GOOD, version=entry.version)  # fmt: skip

    def hand_back(self) -> None:
        entry = self.pick(HandbookEntry.objects.submitted())
        handbook.entry_return(actor=self.officer, entry=entry, comment="Bổ sung kết quả.",
                              version=entry.version)  # fmt: skip

    def self_check(self) -> None:
        person = self.pick(Person.objects.filter(user__isnull=False))
        month = self.month()
        check = SelfCheck.objects.filter(person=person, month=month).first()
        ids = list(Manifestation.objects.values_list("pk", flat=True))
        handbook.selfcheck_save(actor=person.user, person=person, month=month,
                                manifestation_ids=self.rng.sample(ids, self.rng.randint(0, 3)),
                                correction="", version=check.version if check else 0)  # fmt: skip

    # --- meetings -------------------------------------------------------------------

    def meeting_input(self, month: date) -> meetings.MeetingInput:
        return meetings.MeetingInput(
            kind=self.rng.choice(MeetingKind.values), held_on=month + timedelta(days=5),
            place="Phòng họp tầng 2", topic_studied=self.rng.random() < 0.5,
            handbook_reviewed=self.rng.random() < 0.5, self_check=self.rng.random() < 0.3,
        )  # fmt: skip

    def meet(self) -> None:
        month = self.month()
        existing = CellMeeting.objects.filter(unit=self.rng.choice(self.cells), month=month)
        if existing.exists() and self.rng.random() < 0.5:
            meeting = self.pick(existing)
            meetings.meeting_update(actor=self.officer, meeting=meeting, version=meeting.version,
                                    data=self.meeting_input(self.month()))  # fmt: skip
            return
        meetings.meeting_create(actor=self.officer, unit=self.rng.choice(self.cells),
                                data=self.meeting_input(month))  # fmt: skip

    def meeting_attendance(self) -> None:
        meeting = self.pick(CellMeeting.objects.all())
        statuses = list(AttendanceStatus)
        marks = {p.pk: meetings.Mark(self.rng.choice(statuses), "Ốm")
                 for p in meetings.expected_people(meeting.unit, meeting.month)}  # fmt: skip
        meetings.meeting_record_attendance(actor=self.officer, meeting=meeting, marks=marks,
                                           version=meeting.version)  # fmt: skip

    def drop_meeting(self) -> None:
        meeting = self.pick(CellMeeting.objects.all())
        meetings.meeting_delete(actor=self.officer, meeting=meeting, reason="Ghi nhầm",
                                version=meeting.version)  # fmt: skip

    # --- study sessions -------------------------------------------------------------

    def session_input(self) -> study.SessionInput:
        whole = self.rng.random() < 0.5
        return study.SessionInput(
            topic=self.rng.choice(list(Topic.objects.order_by("pk"))),
            title="Hội nghị học tập, quán triệt chuyên đề", kind=SessionKind.IN_PERSON,
            format=SessionFormat.CONFERENCE, held_on=self.month() + timedelta(days=9),
            place="Hội trường tầng 3", whole_subtree=whole,
            chosen_units=[] if whole else self.rng.sample(self.cells, 2),
        )  # fmt: skip

    def schedule(self) -> None:
        study.study_session_schedule(actor=self.tree.propaganda_user, unit=self.tree.bloc,
                                     data=self.session_input())  # fmt: skip

    def reschedule(self) -> None:
        session = self.pick(StudySession.objects.all())
        study.study_session_update(actor=self.tree.propaganda_user, session=session,
                                   data=self.session_input(), version=session.version)  # fmt: skip

    def cancel(self) -> None:
        session = self.pick(StudySession.objects.all())
        study.study_session_cancel(actor=self.tree.propaganda_user, session=session,
                                   reason="Dời sang đợt khác", version=session.version)  # fmt: skip

    def study_attendance(self) -> None:
        sheet = self.pick(StudySheet.objects.select_related("session", "cell"))
        held = sheet.session.held_on
        marks = []
        for _cell, pid in sorted(study.expected_people(sheet.session.month, [sheet.cell_id])):
            if self.rng.random() < 0.7:
                status = self.rng.choice(list(AttendanceStatus))
                made_up = (held + timedelta(days=3)
                           if status != AttendanceStatus.PRESENT and self.rng.random() < 0.4
                           else None)  # fmt: skip
                marks.append(study.Mark(pid, status, "Ốm", made_up))
        study.study_attendance_record(actor=self.officer, sheet=sheet, marks=marks,
                                      version=sheet.version)  # fmt: skip

    # --- inspections ----------------------------------------------------------------

    def planner(self) -> tuple:
        """A unit that keeps a plan and one who keeps it (the secretary also deputy of the
        bloc, the committee member of Đảng bộ Sở A, the bloc's propaganda officer)."""
        return self.rng.choice([(self.tree.bloc, self.officer), (self.tree.cell, self.officer),
                                (self.tree.org, self.tree.committee_user),
                                (self.tree.bloc, self.tree.propaganda_user)])  # fmt: skip

    def inspection_input(self, plan: InspectionPlan, actor) -> inspections.InspectionInput:
        units = list(inspections.selectors.subject_units(plan))
        start = self.month() + timedelta(days=self.rng.randint(0, 20))
        return inspections.InspectionInput(
            kind=self.rng.choice(InspectionKind.values), subject="Việc thực hiện Chỉ thị 05",
            unit=self.rng.choice(units), period_start=date(YEAR - 1, 1, 1),
            period_end=start, starts_on=start, ends_on=start + timedelta(days=10),
            team=[actor],
        )  # fmt: skip

    def keeper_of(self, inspection: Inspection):
        unit = inspection.plan.unit
        if unit == self.tree.org:
            return self.tree.committee_user
        return self.officer

    def inspect(self) -> None:
        unit, actor = self.planner()
        plan = InspectionPlan.objects.filter(unit=unit, year=YEAR).first()
        if plan is None:
            plan = inspections.plan_create(actor=actor, unit=unit, year=YEAR, title="Kế hoạch")
        inspections.inspection_create(actor=actor, plan=plan,
                                      data=self.inspection_input(plan, actor))  # fmt: skip

    def open_inspection(self) -> None:
        inspection = self.pick(Inspection.objects.filter(state=InspectionState.PLANNED))
        inspections.inspection_open(actor=self.keeper_of(inspection), inspection=inspection,
                                    version=inspection.version)  # fmt: skip

    def find(self) -> None:
        inspection = self.pick(Inspection.objects.filter(state=InspectionState.OPEN))
        kind = self.rng.choice(FindingKind.values)
        category = self.rng.choice([None, *FindingCategory.objects.order_by("pk")[:4]])
        inspections.finding_add(actor=self.keeper_of(inspection), inspection=inspection,
                                data=inspections.FindingInput(
            kind=kind, text="Bản đăng ký còn chung chung", category=category,
            remedy="Viết lại bản đăng ký", responsible_unit=inspection.unit,
            deadline=timezone.localdate() + timedelta(days=self.rng.randint(1, 60))))  # fmt: skip

    def drop_finding(self) -> None:
        finding = self.pick(Finding.objects.filter(inspection__state=InspectionState.OPEN))
        inspections.finding_remove(actor=self.keeper_of(finding.inspection), finding=finding,
                                   version=finding.version)  # fmt: skip

    def move_inspection(self) -> None:
        inspection = self.pick(Inspection.objects.filter(state__in=[InspectionState.PLANNED,
                                                                    InspectionState.OPEN]))  # fmt: skip
        data = self.inspection_input(inspection.plan, self.keeper_of(inspection))
        data.starts_on, data.ends_on = inspection.starts_on, inspection.ends_on
        inspections.inspection_update(actor=self.keeper_of(inspection), inspection=inspection,
                                      data=data, version=inspection.version)  # fmt: skip

    def cancel_inspection(self) -> None:
        inspection = self.pick(Inspection.objects.filter(state__in=[InspectionState.PLANNED,
                                                                    InspectionState.OPEN]))  # fmt: skip
        inspections.inspection_cancel(actor=self.keeper_of(inspection), inspection=inspection,
                                      reason="Trùng kế hoạch cấp trên", version=inspection.version)  # fmt: skip

    def conclude(self) -> None:
        inspection = self.pick(Inspection.objects.filter(state=InspectionState.OPEN))
        inspections.inspection_conclude(actor=self.keeper_of(inspection), inspection=inspection,
                                        conclusion="Kết luận", concluded_on=inspection.ends_on,
                                        version=inspection.version)  # fmt: skip

    def reporter(self, finding: Finding):
        return {self.tree.cell.pk: self.officer, self.tree.bloc.pk: self.officer,
                self.tree.org.pk: self.tree.committee_user,
                self.tree.cell_b.pk: self.tree.other_secretary_user}.get(
                    finding.responsible_unit_id, self.tree.member_user)  # fmt: skip

    def report_remedy(self) -> None:
        finding = self.pick(Finding.objects.filter(remedy_state=RemedyState.OPEN))
        inspections.remedy_report(actor=self.reporter(finding), finding=finding,
                                  text="Đã khắc phục", version=finding.version)  # fmt: skip

    def accept_remedy(self) -> None:
        finding = self.pick(Finding.objects.filter(remedy_state=RemedyState.REPORTED))
        inspections.remedy_accept(actor=self.keeper_of(finding.inspection), finding=finding,
                                  version=finding.version)  # fmt: skip

    def reopen_remedy(self) -> None:
        finding = self.pick(Finding.objects.filter(remedy_state=RemedyState.REPORTED))
        inspections.remedy_reopen(actor=self.keeper_of(finding.inspection), finding=finding,
                                  reason="Chưa đủ minh chứng", version=finding.version)  # fmt: skip

    # --- discipline (the bloc's bodies, through the officer's deputy role there) ------

    def run_discipline(self, steps: int) -> None:
        """After the year's run (its random sequence stays as it was): decisions on the
        people and cells as the run left them, corrected and annulled."""
        for _ in range(steps):
            action = self.discipline if self.rng.random() < 0.6 else self.discipline_change
            try:
                action()
                self.done.add(action.__name__)
            except DomainError:
                pass

    def discipline(self) -> None:
        on = self.month() + timedelta(days=self.rng.randint(0, 27))
        number = f"{DisciplineRecord.objects.count() + 1}-QĐ"
        subject = self.rng.choice([{"person": self.someone()},
                                   {"organization": self.rng.choice(self.cells)}])  # fmt: skip
        discipline.discipline_record(actor=self.officer, unit=self.tree.bloc,
            data=discipline.DecisionInput(
                organ=self.rng.choice([Organ.COMMITTEE, Organ.STANDING, Organ.COMMISSION]),
                form=self.rng.choice(list(DisciplineForm)), decision_number=number,
                decision_date=on, effective_from=on, reason="Vi phạm", **subject))  # fmt: skip

    def discipline_change(self) -> None:
        record = self.pick(DisciplineRecord.objects.in_force())
        if self.rng.random() < 0.5:
            discipline.discipline_annul(actor=self.officer, record=record, reason="Hủy",
                                        version=record.version)  # fmt: skip
            return
        discipline.discipline_correct(actor=self.officer, record=record, reason="Sửa",
            version=record.version, data=discipline.DecisionInput(
                organ=record.organ, form=self.rng.choice(list(DisciplineForm)),
                decision_number=record.decision_number, decision_date=record.decision_date,
                effective_from=record.effective_from, reason="Vi phạm (sửa)"))  # fmt: skip


def differences(kept: dict, rebuilt: dict) -> list[str]:
    return [f"{key}: kept {kept.get(key)}, rebuilt {rebuilt.get(key)}"
            for key in sorted(kept.keys() | rebuilt.keys(), key=str)
            if kept.get(key) != rebuilt.get(key)]  # fmt: skip


def played(tree, seed: int, steps: int) -> Play:
    play = Play(tree, random.Random(seed))
    play.run(steps)
    play.run_inspections(steps // 2)
    play.run_discipline(steps // 5)
    return play


@KEEPERS
def test_the_kept_figures_equal_a_rebuild_after_random_changes(tree, keeper):
    play = played(tree, seed=1, steps=150)
    kept = keeper.figures_of(YEAR)

    keeper.rebuild_year(YEAR)

    assert differences(kept, keeper.figures_of(YEAR)) == []
    assert kept, "the year's changes reached this keeper's figures"
    assert {"join", "transfer", "exempt", "fill", "review", "self_check", "meet",
            "study_attendance", "schedule", "leave", "come_back", "inspect", "find",
            "conclude", "report_remedy"} <= play.done  # fmt: skip


# --- the roster import --------------------------------------------------------------------


def moved(person: Person, cells: list[str], month: date) -> tuple:
    """The person's row of the file, in the first of `cells` that is not theirs from `month`."""
    cell = next(c for c in cells if c != person.cell.code)
    return (person.code, person.full_name, "", "", MemberStatus(person.status).label, "", cell,
            "", "", f"{month:%m/%Y}")  # fmt: skip


def new_person(code: str, name: str, cell: str, month: date) -> tuple:
    return (code, name, "", "", "Đảng viên chính thức", "", cell, "", "", f"{month:%m/%Y}")


@KEEPERS
def test_the_kept_figures_equal_a_rebuild_after_a_roster_import(tree, keeper):
    play = played(tree, seed=3, steps=40)
    # A session of every cell late in the year, a meeting: both keepers' years are open.
    study.study_session_schedule(actor=tree.propaganda_user, unit=tree.bloc, data=study.SessionInput(
        topic=Topic.objects.order_by("pk").first(), title="Hội nghị cuối năm",
        kind=SessionKind.IN_PERSON, format=SessionFormat.CONFERENCE,
        held_on=date(YEAR, 12, 10), place="Hội trường"))  # fmt: skip
    meetings.meeting_create(actor=play.officer, unit=tree.cell, data=play.meeting_input(MONTHS[3]))
    # People in their cell since before April, moved later in the year by the file.
    movers = list(Person.objects.filter(memberships__end_month__isnull=True,
                                        memberships__start_month__lt=MONTHS[3])
                  .select_related("cell").order_by("pk")[:3])  # fmt: skip
    units = [("CBN1", "Chi bộ Phòng mới 1", "Chi bộ trực thuộc", "DBSA"),
             ("CBN2", "Chi bộ Phòng mới 2 (chưa có ai)", "Chi bộ trực thuộc", "DBSA")]  # fmt: skip
    rows = [
        moved(movers[0], ["CBN1"], MONTHS[6]),  # to a cell the file creates
        moved(movers[1], ["CB3", "CB2"], MONTHS[8]),
        moved(movers[2], ["CBB", "CB1"], MONTHS[4]),
        new_person("NM001", "Đinh Thị Mai", "CBN1", MONTHS[2]),
        new_person("NM002", "Mai Văn Tâm", "CB1", date(YEAR - 1, 6, 1)),
    ]
    file = BytesIO(build_template(units, rows))
    result = roster_import(actor=tree.admin_user, file=file, file_name="so-a.xlsx")
    assert result.ok, result.problems
    assert result.transferred == 3
    kept = keeper.figures_of(YEAR)

    keeper.rebuild_year(YEAR)

    assert differences(kept, keeper.figures_of(YEAR)) == []


# --- rebuild_stats ------------------------------------------------------------------------


def test_rebuild_stats_rebuilds_a_year_that_has_only_meetings(tree):
    old = YEAR - 3  # no registrations, no handbook, no figures: only a meeting
    meetings.meeting_create(actor=tree.secretary_user, unit=tree.cell, data=meetings.MeetingInput(
        kind=MeetingKind.REGULAR, held_on=date(old, 5, 6), place="Phòng họp"))  # fmt: skip
    CellMeetingStat.objects.all().delete()

    assert old in figures.years_with_records()
    call_command("rebuild_stats", stdout=StringIO())

    rows = CellMeetingStat.objects.filter(month__year=old)
    assert rows.count() == 12 * 3
    assert rows.get(unit=tree.cell, month=date(old, 5, 1)).held == 1


# --- opening a year -----------------------------------------------------------------------


def test_the_first_write_of_a_year_opens_it_for_every_cell(tree):
    assert not CellYearStat.objects.filter(year=YEAR).exists()
    pledge = pledges.pledge_start(actor=None, person=tree.member, year=YEAR)
    pledges.pledge_save_items(actor=None, pledge=pledge, items=Play(tree, random.Random(0))
                              .items(), version=pledge.version)  # fmt: skip
    pledges.pledge_submit(actor=None, pledge=pledge, version=pledge.version)
    cells = OrgUnit.objects.filter(kind__in=CELL_KINDS).count()
    assert CellYearStat.objects.filter(year=YEAR).count() == cells
    assert CellMonthStat.objects.filter(month__year=YEAR).count() == 12 * cells
    assert CellYearStat.objects.get(year=YEAR, unit=tree.cell2).expected == 1  # not written to


def test_opening_a_year_twice_changes_nothing(tree):
    figures.open_year(YEAR)
    kept = {keeper.name: keeper.figures_of(YEAR) for keeper in figures.keepers()}
    figures.open_year(YEAR)
    assert {keeper.name: keeper.figures_of(YEAR) for keeper in figures.keepers()} == kept


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_two_first_writes_of_a_year_at_once_open_it_once(tree):
    """Two requests open the same year at the same moment: the second waits on the first's
    advisory lock, then finds the rows (no unique-constraint error, no second build)."""
    barrier, errors = threading.Barrier(2), []

    def first_write() -> None:
        try:
            barrier.wait()
            with transaction.atomic():
                figures.open_year(YEAR)
        except Exception as e:  # noqa: BLE001  (reported below, in the test's thread)
            errors.append(e)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first_write) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    cells = OrgUnit.objects.filter(kind__in=CELL_KINDS).count()
    assert CellYearStat.objects.filter(year=YEAR).count() == cells
    assert CellMeetingStat.objects.filter(month__year=YEAR).count() == 12 * cells
