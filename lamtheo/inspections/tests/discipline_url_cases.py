"""The discipline pages in the walk of every URL as every role (added by url_cases.py).

Đảng bộ Sở A's inspection commission (the committee member records for it) warns the member
of Chi bộ 1, and its standing committee reprimands Chi bộ 2 as an organization. The warning
is read by the committee (the deciding unit), Chi bộ 1's secretary (the member's cell) and
the member themself; nobody above reads names: the bloc's officers see counts.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from lamtheo.inspections.discipline import services
from lamtheo.inspections.discipline.models import DisciplineForm, Organ
from lamtheo.tests.url_walk import Case, expect


def prepare(w) -> None:
    today = timezone.localdate()
    w.disc_member = services.discipline_record(
        actor=w.committee_user, unit=w.org,
        data=services.DecisionInput(
            organ=Organ.COMMISSION, form=DisciplineForm.WARNING, decision_number="01-QĐ/UBKT",
            decision_date=today, effective_from=today, person=w.member,
            reason="Không thực hiện bản đăng ký đã cam kết.",
        ),
    )  # fmt: skip
    w.disc_org = services.discipline_record(
        actor=w.committee_user, unit=w.org,
        data=services.DecisionInput(
            organ=Organ.STANDING, form=DisciplineForm.REPRIMAND, decision_number="02-QĐ/ĐU",
            decision_date=date(today.year, 1, 1), effective_from=today,
            organization=w.cell2, reason="Buông lỏng sinh hoạt chi bộ.",
        ),
    )  # fmt: skip


def cases(w) -> list[Case]:
    officers = expect(404, member=404, outsider=404, secretary=200, committee=200,
                      propaganda=200, admin=200, other_secretary=200)  # fmt: skip
    concerned = expect(404, member=200, secretary=200, committee=200)
    decider = expect(404, committee=200)
    org_figures = expect(404, committee=200, propaganda=200, admin=200)
    cell_figures = org_figures | {"secretary": 200}
    m, o = w.disc_member.pk, w.disc_org.pk
    gets = [
        ("inspections:discipline_home", [], officers),
        ("inspections:discipline_mine", [], expect(200)),
        ("inspections:discipline_new", [w.org.code], decider),
        ("inspections:discipline_new", [w.cell.code], expect(404, secretary=200)),
        ("inspections:discipline_new", [w.bloc.code], expect(404)),
        ("inspections:discipline_record", [m], concerned),
        ("inspections:discipline_record", [o], decider),
        ("inspections:discipline_correct", [m], decider),
        ("inspections:discipline_annul", [m], decider),
        ("inspections:discipline_authority", [w.bloc.code], officers),
        ("inspections:discipline_authority", [w.org.code], expect(404)),  # not a top unit
        ("inspections:discipline_figures", [w.org.code], org_figures),
        ("inspections:discipline_figures", [w.cell.code], cell_figures),
        ("inspections:discipline_figures_export", [w.org.code], org_figures),
    ]
    posts = [
        # Without the version the page saw: the page again with its message, nothing saved.
        ("inspections:discipline_authority", [w.bloc.code], expect(404, admin=200)),
        ("inspections:discipline_annul", [m], decider),
    ]
    return [(n, a, e, "get") for n, a, e in gets] + [(n, a, e, "post") for n, a, e in posts]
