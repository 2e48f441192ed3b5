"""Demo inspections at two levels: the bloc's propaganda office supervises the first
grassroots organization (one concluded with remedies, one open, one planned), and that
organization's committee supervises the demo cell (concluded: `bithu` has an overdue remedy
on her home page and one reported, waiting for the team). Made through the services, so
every record has its history; only the deadlines are moved into the past afterwards (a
remedy is given a deadline from today on), so that some are overdue."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import User

from lamtheo.inspections import services
from lamtheo.inspections.models import Finding, FindingCategory, FindingKind, InspectionKind
from lamtheo.orgs.models import OrgUnit


def _category(name: str) -> FindingCategory | None:
    return FindingCategory.objects.filter(name__istartswith=name).first()


def _finding(actor, inspection, kind, text, category="", remedy="", unit=None, days=30):
    needs = kind != FindingKind.STRENGTH
    return services.finding_add(
        actor=actor,
        inspection=inspection,
        data=services.FindingInput(
            kind=kind,
            text=text,
            category=_category(category) if category else None,
            remedy=remedy if needs else "",
            responsible_unit=(unit or inspection.unit) if needs else None,
            deadline=(date.today() + timedelta(days=days)) if needs else None,
        ),
    )


def _inspection(actor, plan, unit, kind, subject, start, team, period_start):
    return services.inspection_create(
        actor=actor,
        plan=plan,
        data=services.InspectionInput(
            kind=kind,
            subject=subject,
            unit=unit,
            period_start=period_start,
            period_end=max(period_start, start - timedelta(days=1)),
            starts_on=start,
            ends_on=start + timedelta(days=14),
            team=team,
        ),
    )


def _run(actor, inspection):
    return services.inspection_open(actor=actor, inspection=inspection, version=inspection.version)


def _conclude(actor, inspection, on: date, text: str):
    return services.inspection_conclude(
        actor=actor, inspection=inspection, conclusion=text, concluded_on=on,
        version=inspection.version,
    )  # fmt: skip


def _overdue(finding: Finding, days_late: int, today: date) -> None:
    # Demo only: the deadline as it would have been set weeks ago.
    Finding.objects.filter(pk=finding.pk).update(deadline=today - timedelta(days=days_late))


def load(*, root: OrgUnit, today: date) -> int:
    propaganda = User.objects.get(username="tuyengiao")
    committee = User.objects.get(username="capuy")
    secretary = User.objects.get(username="bithu")
    org = OrgUnit.objects.get(roles__user=committee, roles__kind="committee")
    cell = secretary.person.cell
    year = today.year
    jan = date(year, 1, 1)
    early = max(jan, today - timedelta(days=75))

    bloc_plan = services.plan_create(
        actor=propaganda, unit=root, year=year,
        title=f"Kế hoạch kiểm tra, giám sát việc thực hiện Chỉ thị 05-CT/TW năm {year}",
    )  # fmt: skip
    done = _inspection(propaganda, bloc_plan, org, InspectionKind.SUPERVISION_THEMATIC,
                       "Việc thực hiện Chỉ thị 05-CT/TW", early, [propaganda],
                       date(year - 1, 1, 1))  # fmt: skip
    _run(propaganda, done)
    _finding(propaganda, done, FindingKind.STRENGTH,
             "Đảng ủy ban hành kế hoạch kịp thời; 100% chi bộ tổ chức học tập chuyên đề.")  # fmt: skip
    late = _finding(propaganda, done, FindingKind.SHORTCOMING,
                    "Chưa tổng hợp kết quả thực hiện bản đăng ký của từng đảng viên.",
                    "Chưa tổng hợp kết quả",
                    "Tổng hợp kết quả thực hiện bản đăng ký của từng đảng viên, báo cáo Ban Tuyên giáo.")  # fmt: skip
    _conclude(propaganda, done, min(today, early + timedelta(days=10)),
              "Đảng ủy đã lãnh đạo thực hiện Chỉ thị 05-CT/TW nghiêm túc; còn một số hạn chế "
              "cần khắc phục như sau.")  # fmt: skip
    _overdue(late, 12, today)
    running = _inspection(propaganda, bloc_plan, org, InspectionKind.INSPECTION,
                          "Việc viết bản đăng ký học tập và làm theo", today, [propaganda], jan)  # fmt: skip
    _run(propaganda, running)
    _finding(propaganda, running, FindingKind.SHORTCOMING,
             "Nhiều bản đăng ký chỉ ghi chung chung, không có chỉ tiêu, thời hạn.",
             "Bản đăng ký chung chung",
             "Hướng dẫn đảng viên bổ sung chỉ tiêu, thời hạn cho từng việc làm.", days=45)  # fmt: skip
    _inspection(propaganda, bloc_plan, org, InspectionKind.SURVEY,
                "Khảo sát nắm tình hình ghi sổ tay “Làm theo gương Bác”",
                today + timedelta(days=14) if (today + timedelta(days=14)).year == year else today, [propaganda], jan)  # fmt: skip

    org_plan = services.plan_create(
        actor=committee, unit=org, year=year, title=f"Kế hoạch kiểm tra, giám sát năm {year}"
    )
    cell_check = _inspection(committee, org_plan, cell, InspectionKind.SUPERVISION_REGULAR,
                             "Sinh hoạt chi bộ và việc nhận xét sổ tay hằng tháng", early,
                             [committee], jan)  # fmt: skip
    _run(committee, cell_check)
    overdue = _finding(committee, cell_check, FindingKind.SHORTCOMING,
                       "Ba kỳ sinh hoạt chi bộ liền chưa có nội dung học tập và làm theo Bác.",
                       "Sinh hoạt chi bộ chưa có",
                       "Đưa nội dung học tập và làm theo Bác vào mỗi kỳ sinh hoạt; gửi biên bản.")  # fmt: skip
    reported = _finding(committee, cell_check, FindingKind.VIOLATION,
                        "Sổ tay của nhiều đảng viên chưa được chi bộ nhận xét quá hai tháng.",
                        "Sổ tay chưa được",
                        "Nhận xét đủ sổ tay các tháng còn thiếu.")  # fmt: skip
    _conclude(committee, cell_check, min(today, early + timedelta(days=7)),
              "Chi bộ duy trì sinh hoạt đều đặn; cần khắc phục ngay các hạn chế sau.")  # fmt: skip
    _overdue(overdue, 20, today)
    reported.refresh_from_db()
    services.remedy_report(
        actor=secretary, finding=reported, version=reported.version,
        text="Chi bộ đã nhận xét đủ sổ tay các tháng còn thiếu của đảng viên.",
    )  # fmt: skip
    return Finding.objects.count()
