"""Demo inspections at three levels, shaped like seed 001 ("gần 800 cuộc … các đảng ủy trực
thuộc thực hiện hơn 700 cuộc; Ban Thường vụ … gần 100 cuộc"), at a tenth of its size:

- the bloc (its propaganda office, `tuyengiao`) supervises and inspects a few grassroots
  organizations: about one inspection in ten;
- the grassroots đảng ủy run most of them: `capuy`'s organization supervises its cells (one
  concluded: `bithu` has an overdue remedy on her home page and one reported, waiting for
  the team), and the inspection commission member of a dozen other đảng bộ (granted the
  role here) keeps their plans;
- a few cells supervise one of their own members.

Each inspection is concluded, open or still planned; findings fall in several categories;
remedies are accepted, reported, open or overdue. Everything goes through the services, so
every record has its history and the figures are kept by the registry. A remedy's deadline
may not be before the day it is written, so findings and conclusions written in the past
are written with that day (`today=`, the services' own parameter): an overdue remedy is one
whose deadline passed since, not one moved back afterwards.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.auth.models import User

from lamtheo.demo.inserts import term_start
from lamtheo.inspections import services
from lamtheo.inspections.models import (
    Finding,
    FindingCategory,
    FindingKind,
    Inspection,
    InspectionKind,
    InspectionPlan,
)
from lamtheo.orgs.models import CELL_KINDS, OrgUnit, Role, RoleKind, UnitKind
from lamtheo.orgs.services import role_grant
from lamtheo.people.models import Person

SEED = 11
OTHER_ORGS = 12  # đảng bộ cơ sở besides capuy's whose inspection commission keeps a plan
PER_ORG = 4
CELL_PLANS = 6

SUBJECTS = {
    InspectionKind.INSPECTION: [
        "Việc viết bản đăng ký học tập và làm theo",
        "Việc ghi và nhận xét sổ tay “Làm theo gương Bác”",
        "Việc thực hiện nguyên tắc tập trung dân chủ gắn với Chỉ thị 05-CT/TW",
    ],
    InspectionKind.SUPERVISION_REGULAR: [
        "Sinh hoạt chi bộ và việc nhận xét sổ tay hằng tháng",
        "Việc học tập, quán triệt chuyên đề năm",
    ],
    InspectionKind.SUPERVISION_THEMATIC: [
        "Việc thực hiện Chỉ thị 05-CT/TW",
        "Việc thực hiện trách nhiệm nêu gương của người đứng đầu",
    ],
    InspectionKind.SURVEY: [
        "Khảo sát nắm tình hình ghi sổ tay “Làm theo gương Bác”",
        "Khảo sát việc xây dựng mô hình, điển hình làm theo Bác",
    ],
}

# (kind, the category's first words, what was found, the remedy asked for)
FINDINGS = [
    (FindingKind.STRENGTH, "Làm tốt", "Cấp ủy ban hành kế hoạch kịp thời; 100% chi bộ tổ chức "
     "học tập chuyên đề.", ""),
    (FindingKind.STRENGTH, "Làm tốt", "Nhiều đảng viên đăng ký việc làm cụ thể, gắn với nhiệm "
     "vụ chuyên môn.", ""),
    (FindingKind.SHORTCOMING, "Bản đăng ký chung chung", "Nhiều bản đăng ký chỉ ghi chung "
     "chung, không có chỉ tiêu, thời hạn.", "Hướng dẫn đảng viên bổ sung chỉ tiêu, thời hạn "
     "cho từng việc làm."),
    (FindingKind.SHORTCOMING, "Chưa tổng hợp kết quả", "Chưa tổng hợp kết quả thực hiện bản "
     "đăng ký của từng đảng viên.", "Tổng hợp kết quả thực hiện bản đăng ký của từng đảng "
     "viên, báo cáo cấp ủy."),
    (FindingKind.SHORTCOMING, "Sinh hoạt chi bộ chưa có", "Ba kỳ sinh hoạt chi bộ liền chưa "
     "có nội dung học tập và làm theo Bác.", "Đưa nội dung học tập và làm theo Bác vào mỗi "
     "kỳ sinh hoạt; gửi biên bản."),
    (FindingKind.SHORTCOMING, "Biên bản sinh hoạt sơ sài", "Biên bản các kỳ sinh hoạt chép "
     "lại gần như nguyên văn.", "Ghi biên bản đúng nội dung từng kỳ sinh hoạt."),
    (FindingKind.SHORTCOMING, "Chưa tổ chức học tập", "Chưa tổ chức học tập chuyên đề cho "
     "đảng viên mới chuyển đến.", "Tổ chức học tập bù cho đảng viên chưa học."),
    (FindingKind.VIOLATION, "Sổ tay chưa được", "Sổ tay của nhiều đảng viên chưa được chi bộ "
     "nhận xét quá hai tháng.", "Nhận xét đủ sổ tay các tháng còn thiếu."),
    (FindingKind.VIOLATION, "Chưa công khai chương trình", "Người đứng đầu chưa công khai "
     "chương trình hành động làm theo Bác.", "Công khai chương trình hành động trước tập thể "
     "cơ quan."),
]  # fmt: skip


def _category(name: str) -> FindingCategory | None:
    return FindingCategory.objects.filter(name__istartswith=name).first()


class _Demo:
    def __init__(self, today: date) -> None:
        self.today, self.year, self.rng = today, today.year, random.Random(SEED)
        self.secretaries = dict(
            Role.objects.filter(kind=RoleKind.SECRETARY).values_list("unit_id", "user_id")
        )

    def day(self, days_ago: int) -> date:
        """`days_ago` days before today, but in this year (the plans are this year's)."""
        return max(date(self.year, 1, 1), self.today - timedelta(days=days_ago))

    def plan(self, actor, unit: OrgUnit) -> InspectionPlan:
        title = f"Kế hoạch kiểm tra, giám sát năm {self.year}"
        if unit.parent_id is None:
            title = f"Kế hoạch kiểm tra, giám sát việc thực hiện Chỉ thị 05-CT/TW năm {self.year}"
        return services.plan_create(actor=actor, unit=unit, year=self.year, title=title)

    def inspection(self, actor, plan, unit, kind, start: date, *, subject="", person=None):
        return services.inspection_create(
            actor=actor,
            plan=plan,
            data=services.InspectionInput(
                kind=kind,
                subject=subject or self.rng.choice(SUBJECTS[kind]),
                unit=unit,
                person=person,
                period_start=date(self.year - 1, 1, 1),
                period_end=max(date(self.year - 1, 1, 1), start - timedelta(days=1)),
                starts_on=start,
                ends_on=start + timedelta(days=14),
                team=[actor],
            ),
        )

    def finding(self, actor, inspection, finding, *, on: date, days: int, unit=None, person=None):
        """A finding written on day `on`, its remedy due `days` after."""
        kind, category, text, remedy = finding
        needs = kind != FindingKind.STRENGTH
        return services.finding_add(
            actor=actor,
            inspection=inspection,
            data=services.FindingInput(
                kind=kind,
                text=text,
                category=_category(category),
                remedy=remedy if needs else "",
                responsible_unit=(unit or inspection.unit) if needs and not person else None,
                responsible_person=person if needs else None,
                deadline=on + timedelta(days=days) if needs else None,
            ),
            today=on,
        )

    def open(self, actor, inspection):
        return services.inspection_open(
            actor=actor, inspection=inspection, version=inspection.version
        )

    def conclude(self, actor, inspection, on: date, text: str = ""):
        text = text or (
            "Tổ chức đảng đã lãnh đạo thực hiện Chỉ thị 05-CT/TW nghiêm túc; còn một số hạn "
            "chế cần khắc phục như sau."
        )
        return services.inspection_conclude(
            actor=actor, inspection=inspection, conclusion=text, concluded_on=on,
            version=inspection.version, today=on,
        )  # fmt: skip

    def report(self, user, finding: Finding, accept_by=None) -> None:
        finding.refresh_from_db()
        services.remedy_report(
            actor=user, finding=finding, version=finding.version,
            text="Đã tổ chức khắc phục theo kết luận; gửi kèm biên bản.",
        )  # fmt: skip
        if accept_by is not None:
            finding.refresh_from_db()
            services.remedy_accept(actor=accept_by, finding=finding, version=finding.version)

    def run(self, actor, plan, unit, kind, *, reporter_of, person=None) -> Inspection:
        """One inspection of `unit` by `actor` (its team), taken as far as a random outcome:
        still planned, open with findings, or concluded with its remedies followed up."""
        outcome = self.rng.choices(["planned", "open", "concluded"], [1, 1, 4])[0]
        ago = {"planned": -self.rng.randint(5, 40), "open": self.rng.randint(2, 10),
               "concluded": self.rng.randint(30, 200)}[outcome]  # fmt: skip
        start = self.day(ago) if ago >= 0 else self.today
        if ago < 0 and (self.today + timedelta(days=-ago)).year == self.year:
            start = self.today + timedelta(days=-ago)
        inspection = self.inspection(actor, plan, unit, kind, start, person=person)
        if outcome == "planned":
            return inspection
        self.open(actor, inspection)
        written = min(self.today, start + timedelta(days=3))
        picked = [self.rng.choice(FINDINGS[:2])]
        picked += self.rng.sample(FINDINGS[2:], self.rng.randint(0, 2))
        findings = []
        for f in picked:
            target, user = reporter_of(unit)
            findings.append((self.finding(actor, inspection, f, on=written,
                                          days=self.rng.choice([14, 30, 45, 60]),
                                          unit=target, person=person), user))  # fmt: skip
        if outcome == "open":
            return inspection
        self.conclude(actor, inspection, min(self.today, start + timedelta(days=10)))
        for finding, user in findings:
            if finding.kind == FindingKind.STRENGTH or user is None:
                continue
            fate = self.rng.choices(["accepted", "reported", "open"], [5, 2, 3])[0]
            if fate != "open":
                self.report(user, finding, accept_by=actor if fate == "accepted" else None)
        return inspection

    def cell_reporter(self, org: OrgUnit):
        """The remedies of an organization fall to one of its cells, reported by its
        secretary (no committee member of the organization has an account in the demo)."""

        def pick(_unit):
            cells = [c for c in org.children.filter(is_active=True).order_by("path")
                     if c.pk in self.secretaries]  # fmt: skip
            if not cells:
                return None, None
            cell = self.rng.choice(cells)
            return cell, User.objects.get(pk=self.secretaries[cell.pk])

        return pick

    def own_reporter(self, unit: OrgUnit):
        user_id = self.secretaries.get(unit.pk)
        return unit, User.objects.filter(pk=user_id).first()


def load(*, root: OrgUnit, today: date) -> int:
    demo = _Demo(today)
    propaganda = User.objects.get(username="tuyengiao")
    committee = User.objects.get(username="capuy")
    secretary = User.objects.get(username="bithu")
    org = OrgUnit.objects.get(roles__user=committee, roles__kind="committee")
    cell = secretary.person.cell
    year, early = demo.year, demo.day(75)
    kinds = list(InspectionKind)

    # The bloc: capuy's organization as before (one concluded with an overdue remedy, one
    # open, one planned), and a few more organizations.
    bloc_plan = demo.plan(propaganda, root)
    done = demo.inspection(propaganda, bloc_plan, org, InspectionKind.SUPERVISION_THEMATIC,
                           early, subject="Việc thực hiện Chỉ thị 05-CT/TW")  # fmt: skip
    demo.open(propaganda, done)
    demo.finding(propaganda, done, FINDINGS[0], on=early, days=0)
    demo.finding(propaganda, done, FINDINGS[3], on=min(today, early + timedelta(days=2)),
                 days=max(0, (today - early).days - 14))  # overdue by about 12 days  # fmt: skip
    demo.conclude(propaganda, done, min(today, early + timedelta(days=10)),
                  "Đảng ủy đã lãnh đạo thực hiện Chỉ thị 05-CT/TW nghiêm túc; còn một số hạn "
                  "chế cần khắc phục như sau.")  # fmt: skip
    running = demo.inspection(propaganda, bloc_plan, org, InspectionKind.INSPECTION, today,
                              subject="Việc viết bản đăng ký học tập và làm theo")  # fmt: skip
    demo.open(propaganda, running)
    demo.finding(propaganda, running, FINDINGS[2], on=today, days=45)
    later = today + timedelta(days=14)
    demo.inspection(propaganda, bloc_plan, org, InspectionKind.SURVEY,
                    later if later.year == year else today,
                    subject="Khảo sát nắm tình hình ghi sổ tay “Làm theo gương Bác”")  # fmt: skip
    orgs = list(
        root.children.filter(is_active=True, kind=UnitKind.GRASSROOTS)
        .exclude(pk=org.pk)
        .order_by("path")[:OTHER_ORGS]
    )
    for other in orgs[:5]:
        demo.run(propaganda, bloc_plan, other, demo.rng.choice(kinds),
                 reporter_of=demo.cell_reporter(other))  # fmt: skip

    # capuy's organization supervises its cells; bithu answers for two remedies.
    org_plan = demo.plan(committee, org)
    cell_check = demo.inspection(committee, org_plan, cell, InspectionKind.SUPERVISION_REGULAR,
                                 early, subject="Sinh hoạt chi bộ và việc nhận xét sổ tay "
                                 "hằng tháng")  # fmt: skip
    demo.open(committee, cell_check)
    demo.finding(
        committee, cell_check, FINDINGS[4], on=early, days=max(0, (today - early).days - 20)
    )
    reported = demo.finding(committee, cell_check, FINDINGS[7], on=early, days=90)
    demo.conclude(committee, cell_check, min(today, early + timedelta(days=7)),
                  "Chi bộ duy trì sinh hoạt đều đặn; cần khắc phục ngay các hạn chế sau.")  # fmt: skip
    demo.report(secretary, reported)
    for other_cell in org.children.filter(is_active=True).exclude(pk=cell.pk).order_by("path")[:5]:
        demo.run(committee, org_plan, other_cell, demo.rng.choice(kinds),
                 reporter_of=demo.own_reporter)  # fmt: skip

    # The inspection commission of other đảng bộ: a member with an account is granted the
    # role on the organization (audited, as any role), keeps its plan and supervises cells.
    for other in orgs:
        cells = list(other.children.filter(is_active=True).order_by("path"))
        people = Person.objects.filter(cell__in=cells, user__is_active=True).order_by("code")
        member = people.exclude(user_id__in=demo.secretaries.values()).first()
        if member is None or not cells:
            continue
        role_grant(actor=None, user=member.user, unit=other, kind=RoleKind.INSPECTOR,
                   start_date=term_start(year))  # fmt: skip
        member.user._lamtheo_grants = None
        plan = demo.plan(member.user, other)
        for _ in range(PER_ORG):
            target = demo.rng.choice(cells)
            demo.run(member.user, plan, target, demo.rng.choice(kinds),
                     reporter_of=demo.own_reporter)  # fmt: skip

    # A few cells supervise one of their own members (bithu's first).
    cells = [cell] + list(
        OrgUnit.objects.filter(kind__in=CELL_KINDS, pk__in=list(demo.secretaries))
        .exclude(pk=cell.pk).order_by("path")[:CELL_PLANS - 1]
    )  # fmt: skip
    for c in cells:
        keeper = User.objects.get(pk=demo.secretaries[c.pk])
        people = list(Person.objects.filter(cell=c, user__is_active=True)
                      .exclude(user=keeper).order_by("code")[:2])  # fmt: skip
        if not people:
            continue
        plan = demo.plan(keeper, c)
        for person in people:
            demo.run(keeper, plan, c, InspectionKind.SUPERVISION_REGULAR,
                     reporter_of=lambda _u, p=person: (None, p.user), person=person)  # fmt: skip
    return Finding.objects.count()
