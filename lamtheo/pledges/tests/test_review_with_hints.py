"""The secretary's view of the checker (issue 12 item 4): each item's verdict and hint on the
review page, and returning the registration with the hints as an editable comment."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from lamtheo.core.models import Notice
from lamtheo.pledges import quality, services
from lamtheo.pledges.actions import PledgeAction
from lamtheo.pledges.models import Pledge, PledgeStatus
from lamtheo.pledges.selectors import (
    VerdictKind,
    hints_comment,
    item_verdicts,
    quote,
    verdict_of,
)

YEAR = date.today().year
SPECIFIC = "Lập sổ theo dõi hồ sơ kế hoạch của phòng, cập nhật vào thứ Sáu hằng tuần"
VAGUE = "Nâng cao ý thức tu dưỡng, rèn luyện đạo đức"
NOT_TIED = "Đi hiến máu hai lần trong năm"  # a fine item, not a planning officer's work


def submitted(tree, texts=(SPECIFIC, VAGUE, NOT_TIED), person=None, user=None) -> Pledge:
    person, user = person or tree.member, user or tree.member_user
    p = services.pledge_start(actor=user, person=person, year=YEAR)
    services.pledge_save_items(
        actor=user,
        pledge=p,
        version=p.version,
        items=[services.ItemInput(area=tree.areas[0], text=t) for t in texts],
    )
    services.pledge_submit(actor=user, pledge=p, version=p.version)
    p.refresh_from_db()
    return p


def hint(text: str, duties: str = "Chuyên viên phòng Kế hoạch") -> str:
    return quality.assess(text, duties).hint


# --- the verdicts --------------------------------------------------------------------------


def _fake(specific: bool, missing: list[str]):
    def assess(text, duties="", **_options):
        return quality.Assessment(
            specific=specific,
            has_action=specific,
            has_measure=specific,
            has_time=specific,
            has_object=False,
            missing=missing,
            hint="Gợi ý thử",
        )

    return assess


@pytest.mark.parametrize(
    ("specific", "missing", "kind", "label"),
    [
        (True, [], VerdictKind.SPECIFIC, "Cụ thể"),
        (True, ["measure", "time"], VerdictKind.SPECIFIC, "Cụ thể"),
        (True, ["duty"], VerdictKind.NOT_TIED, "Chưa gắn với nhiệm vụ"),
        (False, ["action"], VerdictKind.VAGUE, "Chung chung"),
        (False, ["action", "duty"], VerdictKind.VAGUE, "Chung chung"),
    ],
)
def test_the_verdict_follows_the_assessment(monkeypatch, specific, missing, kind, label):
    monkeypatch.setattr(quality, "assess", _fake(specific, missing))
    verdict = verdict_of("Một việc", "Kế toán")
    assert (verdict.kind, verdict.label, verdict.hint) == (kind, label, "Gợi ý thử")
    assert verdict.needs_work == (kind != VerdictKind.SPECIFIC)


def test_an_empty_item_has_no_verdict():
    assert verdict_of("   ", "Kế toán") is None


def test_a_long_item_is_quoted_briefly_at_a_word():
    text = "Chủ động nghiên cứu, đề xuất cải tiến quy trình tiếp nhận và trả kết quả " * 3
    quoted = quote(text)
    assert quoted.endswith("…") and len(quoted) <= 61
    assert text.startswith(quoted[:-1]) and text[len(quoted) - 1] == " "
    assert quote("Ngắn gọn") == "Ngắn gọn"


def test_the_hints_comment_has_one_line_per_item_that_needs_work(tree):
    pledge = submitted(tree)
    lines = hints_comment(item_verdicts(pledge)).split("\n")
    assert lines == [
        f"Việc “{VAGUE}”: còn chung chung. {hint(VAGUE)}",
        f"Việc “{NOT_TIED}”: chưa gắn với nhiệm vụ. {hint(NOT_TIED)}",
    ]


def test_a_registration_without_flagged_items_gives_an_empty_comment(tree):
    assert hints_comment(item_verdicts(submitted(tree, texts=(SPECIFIC,)))) == ""


# --- the review page -----------------------------------------------------------------------


def test_the_review_page_shows_each_items_verdict_and_hint(tree, login):
    pledge = submitted(tree)
    page = login(tree.secretary_user).get(reverse("pledges:review", args=[pledge.pk]))
    html = page.content.decode()
    assert 'class="verdict verdict-specific"' in html
    assert 'class="verdict verdict-vague"' in html
    assert 'class="verdict verdict-not_tied"' in html
    for label in ("Cụ thể", "Chung chung", "Chưa gắn với nhiệm vụ"):
        assert f'<span class="verdict-label">{label}</span>' in html
    assert hint(VAGUE) in html and hint(NOT_TIED) in html
    assert "Có 2/3 việc nên sửa." in html
    back = reverse("pledges:review_return", args=[pledge.pk])
    assert f'href="{back}?version={pledge.version}"' in html


def test_no_return_with_hints_when_every_item_is_specific(tree, login):
    pledge = submitted(tree, texts=(SPECIFIC,))
    html = login(tree.secretary_user).get(reverse("pledges:review", args=[pledge.pk]))
    html = html.content.decode()
    assert "Không có việc nào cần sửa về cách viết" in html
    assert reverse("pledges:review_return", args=[pledge.pk]) not in html


def test_the_member_does_not_see_the_secretarys_verdicts_or_the_return_button(tree, login):
    pledge = submitted(tree)
    html = login(tree.member_user).get(reverse("pledges:review", args=[pledge.pk]))
    assert reverse("pledges:review_return", args=[pledge.pk]) not in html.content.decode()


# --- return with hints -----------------------------------------------------------------------


def test_return_with_hints_prefills_edits_sends_and_tells_the_member(
    tree, login, django_capture_on_commit_callbacks
):
    pledge = submitted(tree)
    client = login(tree.secretary_user)
    url = reverse("pledges:review_return", args=[pledge.pk])
    page = client.get(f"{url}?version={pledge.version}")
    form = page.context["form"]
    prefilled = form.initial["comment"]
    assert prefilled == hints_comment(item_verdicts(pledge))
    assert form.initial["version"] == pledge.version
    html = page.content.decode()
    assert f'name="version" value="{pledge.version}"' in html
    assert "Nâng cao ý thức tu dưỡng" in html and "Gửi trả lại kèm góp ý" in html

    # The secretary keeps the first line, drops the second and adds her own.
    edited = prefilled.split("\n")[0] + "\nĐề nghị bổ sung thời hạn cho từng việc."
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url, {"comment": edited, "version": pledge.version})
    assert r.status_code == 302 and r.url == reverse("handbook:queue_next")

    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.RETURNED
    assert pledge.decision_comment == edited
    assert pledge.decided_by == tree.secretary_user
    last = pledge.history.first()
    assert last.history_action == PledgeAction.PLEDGE_RETURNED.value
    assert last.history_user == tree.secretary_user

    notice = Notice.objects.get()
    assert notice.user == tree.member_user and notice.sender == tree.secretary_user
    assert "trả lại" in notice.text and "Đề nghị bổ sung thời hạn" in notice.text
    assert notice.url == reverse("pledges:mine", args=[YEAR])
    assert [m.to for m in mail.outbox] == [[tree.member_user.email]]

    # The member sees the comment, line by line, where she fixes the registration.
    html = login(tree.member_user).get(reverse("pledges:mine", args=[YEAR])).content.decode()
    assert "Chi bộ trả lại bản đăng ký để sửa" in html
    assert "Đề nghị bổ sung thời hạn cho từng việc." in html
    assert "<br>Đề nghị bổ sung" in html


def test_a_stale_page_is_refused_and_nothing_changes(tree, login):
    pledge = submitted(tree)
    client = login(tree.secretary_user)
    url = reverse("pledges:review_return", args=[pledge.pk])
    r = client.post(url, {"comment": "Sửa lại", "version": pledge.version - 1})
    assert r.status_code == 200
    assert "vừa được người khác thay đổi" in r.content.decode()
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.SUBMITTED
    assert not Notice.objects.exists()


@pytest.mark.parametrize("version", ["", "abc"])
def test_a_missing_version_is_refused(tree, login, version):
    pledge = submitted(tree)
    r = login(tree.secretary_user).post(
        reverse("pledges:review_return", args=[pledge.pk]),
        {"comment": "Sửa lại", "version": version},
    )
    assert r.status_code == 200 and "Trang này đã cũ" in r.content.decode()
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.SUBMITTED


def test_an_empty_comment_is_refused_with_the_error_summary(tree, login):
    pledge = submitted(tree)
    r = login(tree.secretary_user).post(
        reverse("pledges:review_return", args=[pledge.pk]),
        {"comment": "  ", "version": pledge.version},
    )
    html = r.content.decode()
    assert r.status_code == 200 and "error-summary" in html
    assert "Vui lòng ghi rõ cần sửa gì" in html
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.SUBMITTED


def test_an_accepted_registration_can_be_returned_with_hints(tree, login):
    pledge = submitted(tree)
    services.pledge_accept(actor=tree.secretary_user, pledge=pledge, version=pledge.version)
    pledge.refresh_from_db()
    r = login(tree.secretary_user).post(
        reverse("pledges:review_return", args=[pledge.pk]),
        {"comment": "Sửa việc thứ hai", "version": pledge.version},
    )
    assert r.status_code == 302
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.RETURNED


def test_a_returned_registration_is_not_returned_twice(tree, login):
    pledge = submitted(tree)
    client = login(tree.secretary_user)
    url = reverse("pledges:review_return", args=[pledge.pk])
    assert client.post(url, {"comment": "Sửa", "version": pledge.version}).status_code == 302
    # A second click of the same page: refused, said on the page.
    r = client.post(url, {"comment": "Sửa", "version": pledge.version})
    assert r.status_code == 200 and "Chỉ trả lại được bản đăng ký đã nộp" in r.content.decode()
    assert Notice.objects.filter(user=tree.member_user).count() == 1
    # Opening the page again leads back to the registration.
    r = client.get(url)
    assert r.status_code == 302 and r.url == reverse("pledges:review", args=[pledge.pk])


def test_nobody_returns_their_own_registration_with_hints(tree, login):
    pledge = submitted(tree, person=tree.secretary, user=tree.secretary_user)
    client = login(tree.secretary_user)
    url = reverse("pledges:review_return", args=[pledge.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"comment": "Sửa", "version": pledge.version}).status_code == 404
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.SUBMITTED
