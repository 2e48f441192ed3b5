"""The inspections pages in the walk of every URL as every role.

Đảng bộ Sở A (committee) keeps a plan with two inspections of Chi bộ 1: one open, whose team
is the committee member and the outsider (a member of Chi bộ 2, who through the team reads
Chi bộ 1's records while it is open), and one concluded, whose remedies Chi bộ 1's secretary
answers for (one reported with a file). The bloc's propaganda officer reads the plans of its
subtree and, planning at the top, keeps the list of categories.
"""

from __future__ import annotations

from captcha.models import CaptchaStore

from lamtheo.core.uploads import store_upload
from lamtheo.demo.documents import docx_upload
from lamtheo.inspections import services
from lamtheo.inspections.models import FindingCategory
from lamtheo.inspections.tests import discipline_url_cases
from lamtheo.inspections.tests.helpers import (
    a_plan,
    a_report,
    accepted,
    concluded,
    opened,
    shortcoming,
)
from lamtheo.inspections.tests.signal_helpers import planted_signal
from lamtheo.tests.url_walk import Case, expect


def prepare(w) -> None:
    discipline_url_cases.prepare(w)
    _prepare_inspections(w)
    # Feedback about Chi bộ 1: Đảng bộ Sở A has no inspection commission, so its committee
    # receives it; nobody of Chi bộ 1 (its secretary, its members) reads it.
    w.fb_new, _ = a_report(
        w.cell,
        attachment=store_upload(actor=None, file=docx_upload("pa.docx", "PHẢN ÁNH", "…")),
    )
    w.fb_accepted = accepted(w.committee_user, a_report(w.cell, anonymous=True)[0])
    w.fb_challenge = CaptchaStore.generate_key()


def _prepare_inspections(w) -> None:
    w.ins_plan = a_plan(w.committee_user, w.org)
    w.ins_open = opened(w.committee_user, w.ins_plan, w.cell, [w.committee_user, w.outsider.user])
    w.ins_finding = shortcoming(w.committee_user, w.ins_open)
    w.ins_evidence = services.evidence_add(
        actor=w.committee_user,
        inspection=w.ins_open,
        note="Biên bản làm việc với chi bộ",
        file=store_upload(actor=w.committee_user, file=docx_upload("bb.docx", "BIÊN BẢN", "…")),
    )
    done = opened(w.committee_user, w.ins_plan, w.cell, [w.committee_user])
    reported = shortcoming(w.committee_user, done)
    shortcoming(w.committee_user, done)
    w.ins_done = concluded(w.committee_user, done)
    reported.refresh_from_db()
    w.ins_signal = planted_signal(w.cell)
    w.ins_reported = services.remedy_report(
        actor=w.secretary_user,
        finding=reported,
        text="Chi bộ đã hướng dẫn, 100% đảng viên viết lại bản đăng ký",
        file=store_upload(actor=w.secretary_user, file=docx_upload("kp.docx", "BÁO CÁO", "…")),
        version=reported.version,
    )


def cases(w) -> list[Case]:
    return _inspection_cases(w) + discipline_url_cases.cases(w)


def _inspection_cases(w) -> list[Case]:
    viewers = expect(404, committee=200, propaganda=200)
    keeper = expect(404, committee=200)
    team = expect(404, committee=200, outsider=200)
    open_viewers = expect(404, committee=200, propaganda=200, outsider=200)
    top = expect(404, propaganda=200)
    responsible = expect(404, secretary=200, committee=200, propaganda=200)
    o, d = w.ins_open.pk, w.ins_done.pk
    gets = [
        # Every committee (a cell's secretary too) plans for its own unit.
        ("inspections:home", [], expect(200, member=404, admin=404)),
        ("inspections:categories", [], top),
        ("inspections:category_edit", [FindingCategory.objects.first().pk], top),
        ("inspections:plans", [w.org.code], viewers),
        ("inspections:plans", [w.cell.code], viewers | {"secretary": 200}),
        ("inspections:plan_new", [w.org.code], keeper),
        ("inspections:plan_new", [w.bloc.code], top),
        ("inspections:plan", [w.ins_plan.pk], viewers),
        ("inspections:plan_export", [w.ins_plan.pk], viewers),
        ("inspections:inspection_new", [w.ins_plan.pk], keeper),
        ("inspections:inspection", [o], open_viewers),
        ("inspections:inspection", [d], viewers),
        ("inspections:inspection_edit", [o], keeper),
        ("inspections:inspection_cancel", [o], keeper),
        ("inspections:records", [o], team),
        ("inspections:records", [d], expect(404)),  # concluded: the reach is closed
        ("inspections:person_records", [o, w.member.pk], team),
        ("inspections:person_records", [o, w.other_secretary_user.person.pk], expect(404)),
        ("inspections:evidence_new", [o], team),
        ("inspections:evidence_file", [w.ins_evidence.pk], open_viewers),
        ("inspections:finding_new", [o], team),
        ("inspections:finding_edit", [w.ins_finding.pk], team),
        ("inspections:conclude", [o], team),
        ("inspections:concluded", [d], viewers),
        ("inspections:conclusion_file", [d], viewers),
        ("inspections:remedy", [w.ins_reported.pk], responsible),
        ("inspections:remedy_file", [w.ins_reported.pk], responsible),
        ("inspections:remedy_reopen", [w.ins_reported.pk], keeper),
        # Counts only, to those who read the unit's plans and inspections (not admin).
        ("inspections:figures", [w.org.code], viewers),
        ("inspections:figures", [w.cell.code], viewers | {"secretary": 200}),
        ("inspections:figures", [w.bloc.code], top),
        ("inspections:figures_export", [w.org.code], viewers),
        ("inspections:figures_export", [w.cell.code], viewers | {"secretary": 200}),
        # Formalism signals: committees and inspectors of a đảng bộ, for the cells below.
        ("inspections:signals_index", [], expect(404, committee=302)),
        ("inspections:signals", [w.org.code], keeper),
        ("inspections:signals", [w.bloc.code], expect(404)),
        ("inspections:signals_cell", [w.cell.code], keeper),
        ("inspections:signals_cell", [w.org.code], expect(404)),  # not a cell
        ("inspections:signals_cell", [w.cell_b.code], expect(404)),
        ("inspections:signals_evidence", [w.ins_signal.pk], keeper),
        # Chi bộ 1 is already in the plan: to that inspection (the form: test_signals_views).
        ("inspections:signals_add_to_plan", [w.cell.code], expect(404, committee=302)),
    ]
    return (
        [(name, args, expected, "get") for name, args, expected in gets]
        + _feedback_cases(w)
        + [
            (name, args, expected, "post")
            for name, args, expected in [
                # Refused without the version the page saw: back to the page, nothing changed.
                ("inspections:inspection_open", [o], expect(404, committee=302, outsider=302)),
                (
                    "inspections:finding_remove",
                    [w.ins_finding.pk],
                    expect(404, committee=302, outsider=302),
                ),  # fmt: skip
                ("inspections:remedy_accept", [w.ins_reported.pk], keeper | {"committee": 302}),
                # Not overdue: refused with a message, back to the remedy.
                ("inspections:remedy_remind", [w.ins_reported.pk], keeper | {"committee": 302}),
            ]
        ]
    )


def _feedback_cases(w) -> list[Case]:
    public = expect(200, anonymous=200)
    handler = expect(404, committee=200)
    n, a = w.fb_new.pk, w.fb_accepted.pk
    gets = [
        ("feedback:start", [], public),
        ("feedback:send", [w.cell.code], public),
        ("feedback:send", [w.bloc.code], expect(404, anonymous=404)),  # nobody above the root
        # The check page's buttons post; a GET shows the empty form, writing nothing.
        ("feedback:confirm", [w.cell.code], public),
        ("feedback:sent", [], public),
        ("feedback:lookup", [], public),
        ("feedback:mine", [], expect(200)),
        ("captcha-image", [w.fb_challenge], public),
        # Nothing is routed to a cell: its secretary has no queue.
        ("inspections:feedback_queue", [], handler),
        ("inspections:feedback_report", [n], handler),
        ("inspections:feedback_report", [a], handler),
        ("inspections:feedback_attachment", [n], handler),
        ("inspections:feedback_accept", [n], handler),
        ("inspections:feedback_reject", [n], handler),
        ("inspections:feedback_forward", [n], handler),
        ("inspections:feedback_accept", [a], expect(404, committee=302)),  # decided already
        ("inspections:feedback_open_inspection", [a], handler),
        ("inspections:feedback_open_inspection", [n], expect(404, committee=302)),
    ]
    posts = [
        ("feedback:lookup", [], public),  # the form again, with its errors
        ("feedback:send", [w.cell.code], public),
        # No signed draft: the form again, with the message; nothing sent.
        ("feedback:confirm", [w.cell.code], public),
    ]
    return [(name, args, expected, "get") for name, args, expected in gets] + [
        (name, args, expected, "post") for name, args, expected in posts
    ]
