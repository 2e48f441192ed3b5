"""Demo discipline, as seed 000 counts it: 2 cảnh cáo and 2 khiển trách of members in the demo
year. The first grassroots organization's committee (`capuy`) records three decisions of
its bodies (one coming from its supervision of the demo cell), the demo cell (`bithu`)
reprimands `dangvien2`, who finds it under "Kỷ luật của tôi"; the committee also
reprimands the demo cell as an organization (not a member: the seed's counts stay)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User

from lamtheo.inspections.discipline import services
from lamtheo.inspections.discipline.models import DisciplineForm, DisciplineRecord, Organ
from lamtheo.inspections.models import Inspection, InspectionState
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.tree import subtree_q
from lamtheo.people.models import MemberStatus, Person


def _on(year: int, month: int, day: int, today: date) -> date:
    return min(date(year, month, day), today)


def load(*, year: int, today: date) -> int:
    committee = User.objects.get(username="capuy")
    secretary = User.objects.get(username="bithu")
    org = OrgUnit.objects.get(roles__user=committee, roles__kind="committee")
    cell = secretary.person.cell
    plain = (
        Person.objects.filter(
            subtree_q(org.path, "cell__path"),
            status__in=[MemberStatus.FULL, MemberStatus.PROBATIONARY],
        )
        .exclude(user__username__in=["dangvien", "dangvien2", "bithu", "capuy"])
        .exclude(user__roles__isnull=False)
        .order_by("cell__path", "sort_key")
    )
    # Two members of other cells, and one of the demo cell (the supervision's finding); a
    # small demo takes whom it has.
    own = plain.filter(cell=cell).first()
    others = list(plain.exclude(cell=cell)[:2])
    pool = [p for p in plain[:10] if p not in others and p != own]
    others += pool[: 2 - len(others)]
    spare = [*others, *[None] * (2 - len(others)), own]
    tied = (
        Inspection.objects.filter(plan__unit=org, unit=cell, state=InspectionState.CONCLUDED)
        .order_by("pk")
        .first()
    )
    decisions = [
        (org, committee, Organ.COMMISSION, DisciplineForm.WARNING, spare[0], "12-QĐ/UBKT", 3,
         "Không thực hiện đúng bản đăng ký học tập và làm theo; báo cáo kết quả không trung "
         "thực trong ba tháng liền.", None),
        (org, committee, Organ.STANDING, DisciplineForm.WARNING, spare[1], "45-QĐ/ĐU", 5,
         "Vi phạm quy định về những điều đảng viên không được làm, gây phiền hà cho người dân "
         "khi giải quyết hồ sơ tại bộ phận một cửa.", None),
        (org, committee, Organ.COMMISSION, DisciplineForm.REPRIMAND, spare[2], "15-QĐ/UBKT", 6,
         "Không ghi sổ tay và không tham gia sinh hoạt chi bộ ba tháng liền, như đoàn giám "
         "sát đã kết luận.", tied),
        (cell, secretary, Organ.CELL, DisciplineForm.REPRIMAND,
         Person.objects.get(user__username="dangvien2"), "03-QĐ/CB", 4,
         "Chưa viết bản đăng ký học tập và làm theo đúng hạn dù chi bộ đã nhắc nhiều lần.", None),
    ]  # fmt: skip
    for unit, actor, organ, form, person, number, month, reason, inspection in decisions:
        if person is None:
            continue
        on = _on(year, month, 10, today)
        if inspection is not None and inspection.starts_on > on:
            on = min(max(inspection.concluded_on or on, on), today)
            if on.year != year:
                on, inspection = _on(year, month, 10, today), None
        services.discipline_record(
            actor=actor, unit=unit,
            data=services.DecisionInput(
                organ=organ, form=form, decision_number=number, decision_date=on,
                reason=reason, effective_from=on, person=person, inspection=inspection,
            ),
        )  # fmt: skip
    on = _on(year, 7, 15, today)
    services.discipline_record(
        actor=committee, unit=org,
        data=services.DecisionInput(
            organ=Organ.STANDING, form=DisciplineForm.REPRIMAND, decision_number="52-QĐ/ĐU",
            decision_date=on, effective_from=on, organization=cell,
            reason="Buông lỏng lãnh đạo việc ghi và nhận xét sổ tay “Làm theo gương Bác”; "
            "nhiều kỳ sinh hoạt không có nội dung học tập và làm theo.",
        ),
    )  # fmt: skip
    return DisciplineRecord.objects.count()
