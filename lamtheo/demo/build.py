"""The demo and its log-ins: the generator's organization with one log-in per role, then
the other apps' demo records (topics, study, meetings and stories, documents)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from lamtheo.core import figures
from lamtheo.demo import accounts as accounts_demo
from lamtheo.demo import campaign as campaign_demo
from lamtheo.demo import discipline as discipline_demo
from lamtheo.demo import documents as documents_demo
from lamtheo.demo import feedback as feedback_demo
from lamtheo.demo import inspections as inspections_demo
from lamtheo.demo import meetings as meetings_demo
from lamtheo.demo import notices as notices_demo
from lamtheo.demo import signals as signals_demo
from lamtheo.demo.data.units import DEMO_ROOT_CODE, DEMO_ROOT_NAME
from lamtheo.demo.generator import demo_period, generate
from lamtheo.demo.inserts import term_start
from lamtheo.demo.plan import Organization, PersonPlan, Size, UnitPlan
from lamtheo.demo.study import load as load_study_demo
from lamtheo.orgs.models import OrgUnit, RoleKind
from lamtheo.orgs.services import role_grant
from lamtheo.people.models import MemberStatus
from lamtheo.pledges.models import PledgeStatus

# Demo only: printed on screen by `manage.py load_demo`; never use these accounts in production.
DEMO_PASSWORD = "lamtheo2026"


DEMO_SIZE = Size()


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    full_name: str
    unit: str


# (username, label, role kind or "" for a plain member); the order of the printed table.
LOGINS = [
    ("dangvien", "Đảng viên: đã đăng ký, còn sổ tay tháng trước chưa ghi", ""),
    ("dangvien2", "Đảng viên: chưa viết bản đăng ký năm nay", ""),
    ("bithu", "Bí thư chi bộ", RoleKind.SECRETARY),
    ("capuy", "Cấp ủy viên (đảng ủy cơ sở)", RoleKind.COMMITTEE),
    ("kiemtra", "Ủy viên Ủy ban Kiểm tra Đảng ủy cơ sở: nhận phản ánh", RoleKind.INSPECTOR),
    ("tuyengiao", "Cán bộ Ban Tuyên giáo Đảng ủy Khối", RoleKind.PROPAGANDA),
    ("quantri", "Quản trị hệ thống", RoleKind.ADMIN),
]


def _cast_demo(org: Organization) -> None:
    """Pick the people behind the demo log-ins and give them something to do."""
    hospital = next(u for u in org.units if u.org is u)  # the first organization
    demo_cell = next(c for c in org.cells if c.org is hospital)
    other_cells = [c for c in org.cells if c.org is hospital and c is not demo_cell]
    office = next(u for u in org.units if u.name == "Chi bộ Cơ quan Đảng ủy Khối")

    def cast(
        cell: UnitPlan, login: str, duty: str = "", pledge: str = PledgeStatus.ACCEPTED
    ) -> PersonPlan:
        p = next(p for p in org.people if p.cell is cell and not p.is_secretary and not p.login)
        p.login, p.status, p.pledge, p.proxy = login, MemberStatus.FULL, pledge, False
        p.duty = duty or p.duty
        return p

    member = cast(demo_cell, "dangvien")
    member.since, member.diligence = date(org.year - 6, 3, 1), 1.0
    # Last month not written yet, and an earlier month returned for completion.
    member.forced = {org.months[-1]: "missing"}
    if len(org.months) >= 3:
        member.forced[org.months[-3]] = "returned"
    cast(demo_cell, "dangvien2", pledge="")
    next(p for p in org.people if p.cell is demo_cell and p.is_secretary).login = "bithu"
    cast(other_cells[-1] if other_cells else demo_cell, "capuy",
         "Phó Giám đốc Bệnh viện, Đảng ủy viên")  # fmt: skip
    _cast_queue(org, demo_cell)
    # The inspector sits in a cell of the hospital other than the demo cell and capuy's, so
    # the reports about those two cells reach him.
    cast(other_cells[0] if len(other_cells) > 1 else office, "kiemtra",
         "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy")  # fmt: skip
    cast(office, "tuyengiao", "Chuyên viên Ban Tuyên giáo Đảng ủy Khối")
    cast(office, "quantri", "Chuyên viên Văn phòng Đảng ủy Khối, phụ trách công nghệ thông tin")


QUEUE_MONTHS = 3  # members of the demo cell whose last month waits for the secretary


def _cast_queue(org: Organization, cell: UnitPlan) -> None:
    """Something in the demo secretary's queue whatever the seed: a member who moved in last
    month and whose registration waits, and a few members whose last month waits (on time,
    in its window). The secretary reviews each month by the next one's meeting, so nothing
    older than the month before waits."""
    cell.reviews_monthly = True
    others = [p for p in org.people if p.cell is cell and not p.is_secretary and not p.login]
    if len(org.months) > 1 and others:
        newcomer = others.pop()
        newcomer.since, newcomer.pledge = org.months[-1], PledgeStatus.SUBMITTED
        newcomer.forced = {org.months[-1]: "missing"}
    for p in others[:QUEUE_MONTHS]:
        p.pledge = PledgeStatus.ACCEPTED
        p.forced = {org.months[-1]: "on_time"}
    # The secretary's own last month waits for her deputy.
    secretary = next(p for p in org.people if p.cell is cell and p.is_secretary)
    secretary.forced = {org.months[-1]: "on_time"}


def _grant_demo_roles(org: Organization) -> None:
    by_login = {p.login: p for p in org.people if p.login}
    first_org = by_login["dangvien"].cell.org
    units = {
        RoleKind.SECRETARY: by_login["bithu"].cell,
        RoleKind.COMMITTEE: first_org,
        RoleKind.INSPECTOR: first_org,
        RoleKind.PROPAGANDA: None,
        RoleKind.ADMIN: None,
    }
    for username, _, kind in LOGINS:
        if kind:
            user = User.objects.get(username=username)
            unit = units[kind]
            role_grant(
                actor=None,
                user=user,
                kind=kind,
                start_date=term_start(org.year),
                unit=org.root if unit is None else OrgUnit.objects.get(pk=unit.id),
            )


def demo_exists() -> bool:
    return OrgUnit.objects.filter(code=DEMO_ROOT_CODE).exists()


@transaction.atomic
def build_demo(*, size: Size = DEMO_SIZE, today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    year, months = demo_period(today)
    if size.months is not None:
        months = months[: size.months]
    password = make_password(DEMO_PASSWORD)  # computed once: every demo account shares it
    org, counts = generate(
        size=size,
        year=year,
        months=months,
        root_code=DEMO_ROOT_CODE,
        root_name=DEMO_ROOT_NAME,
        cast=_cast_demo,
        password=password,
    )
    _grant_demo_roles(org)
    counts["tài khoản cấp thêm"] = accounts_demo.load(
        root=org.root, password=password, secretary_username="bithu", issuer_username="quantri"
    )
    campaign_demo.load(root=org.root, year=year, today=today)
    load_study_demo(root=org.root, today=today)
    meetings_demo.load(months=months, today=today)
    documents_demo.load(root=org.root, today=today)
    counts |= notices_demo.load(root=org.root, months=months, today=today,
                                secretary_username="bithu", admin_username="quantri")  # fmt: skip
    counts["nội dung kiểm tra, giám sát"] = inspections_demo.load(root=org.root, today=today)
    counts["quyết định kỷ luật"] = discipline_demo.load(year=year, today=today)
    counts["phản ánh"] = feedback_demo.load(today=today)
    if today.year != year:  # January: this year's figures exist from day one too
        figures.open_year(today.year)
    # Last: the signals are computed from everything above, as the nightly job would.
    counts["dấu hiệu hình thức"] = signals_demo.load(year=year, months=months, today=today)
    return counts


def load_demo(*, size: Size = DEMO_SIZE, today: date | None = None) -> dict[str, int]:
    """Build the demo unless it is there already; returns what was created (empty if
    nothing was)."""
    if demo_exists():
        return {}
    return build_demo(size=size, today=today)


def demo_logins() -> list[DemoLogin]:
    """The log-ins as they are in the database now."""
    labels = {username: label for username, label, _ in LOGINS}
    users = {
        u.username: u
        for u in User.objects.filter(username__in=labels).select_related("person__cell")
    }
    out = []
    for username, label, _ in LOGINS:
        user = users.get(username)
        if user is None:
            continue
        person = getattr(user, "person", None)
        # The Vietnamese order (family name first), not Django's get_full_name().
        name = person.full_name if person else f"{user.last_name} {user.first_name}".strip()
        out.append(
            DemoLogin(
                username,
                label,
                name or username,
                person.cell.name if person and person.cell else "",
            )
        )
    return out
