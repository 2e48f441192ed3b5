from __future__ import annotations

from datetime import date

from django.urls import reverse

from lamtheo.pledges import services
from lamtheo.pledges.models import Pledge, PledgeStatus

YEAR = date.today().year


def post_items(client, tree, texts, button="save", version=0):
    data = {
        "items-TOTAL_FORMS": str(len(texts)),
        "items-INITIAL_FORMS": "0",
        "version": str(version),
        button: "1",
    }
    for n, t in enumerate(texts):
        data |= {
            f"items-{n}-area": tree.areas[n % 3].pk,
            f"items-{n}-text": t,
            f"items-{n}-target": "",
            f"items-{n}-timeframe": "",
        }
    return client.post(reverse("pledges:edit", args=[YEAR]), data)


def test_the_member_writes_checks_and_submits(tree, login):
    client = login(tree.member_user)
    r = post_items(
        client, tree, ["Thẩm định 100% hồ sơ dự án được giao trong 15 ngày", ""], button="review"
    )
    assert r.status_code == 302 and r.url == reverse("pledges:check", args=[YEAR])
    page = client.get(r.url)
    assert "Xem lại trước khi nộp" in page.content.decode()
    pledge = Pledge.objects.get(person=tree.member)
    r = client.post(r.url, {"version": pledge.version})
    assert r.url == reverse("pledges:done", args=[YEAR])
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.SUBMITTED
    assert "Việc tiếp theo" in client.get(r.url).content.decode()


def test_an_empty_registration_shows_an_error_summary(tree, login):
    client = login(tree.member_user)
    r = post_items(client, tree, ["", ""])
    assert r.status_code == 200
    assert "error-summary" in r.content.decode()
    assert not Pledge.objects.exists()


def test_vague_items_ask_for_confirmation_before_submitting(tree, login):
    client = login(tree.member_user)
    post_items(client, tree, ["Nâng cao ý thức tu dưỡng, rèn luyện đạo đức"])
    pledge = Pledge.objects.get()
    r = client.post(reverse("pledges:check", args=[YEAR]), {"version": pledge.version})
    assert r.status_code == 200 and "chung chung" in r.content.decode()
    assert Pledge.objects.get().status == PledgeStatus.DRAFT
    r = client.post(
        reverse("pledges:check", args=[YEAR]), {"version": pledge.version, "confirm_vague": "1"}
    )
    assert Pledge.objects.get().status == PledgeStatus.SUBMITTED


def test_the_quality_hint_answers_while_typing(tree, login):
    client = login(tree.member_user)
    r = client.post(
        reverse("pledges:quality"), {"prefix": "items-0", "items-0-text": "Tích cực học tập"}
    )
    assert "chung chung" in r.content.decode()
    r = client.post(
        reverse("pledges:quality"),
        {
            "prefix": "items-0",
            "items-0-text": "Lập kế hoạch công tác tháng của phòng, trình trưởng phòng trước ngày 25",
        },
    )
    assert "Cụ thể" in r.content.decode()
    # Receiving citizens is checkable, but not the work of a planning officer (the member's duties).
    r = client.post(
        reverse("pledges:quality"),
        {"prefix": "items-0", "items-0-text": "Tiếp công dân vào sáng thứ Năm hằng tuần"},
    )
    assert "Nội dung đã cụ thể. Việc này chưa gắn với nhiệm vụ" in r.content.decode()


def submitted(tree):
    pledge = services.pledge_start(actor=tree.member_user, person=tree.member, year=YEAR)
    services.pledge_save_items(
        actor=tree.member_user,
        pledge=pledge,
        version=pledge.version,
        items=[services.ItemInput(area=tree.areas[0], text="Làm 1 việc")],
    )
    services.pledge_submit(actor=tree.member_user, pledge=pledge, version=pledge.version)
    return pledge


def test_the_secretary_returns_with_a_comment_then_accepts(tree, login):
    pledge = submitted(tree)
    client = login(tree.secretary_user)
    url = reverse("pledges:review", args=[pledge.pk])
    r = client.post(
        url, {"action": "return", "comment": "Ghi rõ chỉ tiêu", "version": pledge.version}
    )
    assert r.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.RETURNED
    assert "Lịch sử thay đổi" in client.get(url).content.decode()


def test_a_stale_review_form_is_refused_with_a_clear_message(tree, login):
    pledge = submitted(tree)
    client = login(tree.secretary_user)
    r = client.post(
        reverse("pledges:review", args=[pledge.pk]),
        {"action": "accept", "comment": "", "version": pledge.version - 1},
    )
    assert r.status_code == 200
    assert "vừa được người khác thay đổi" in r.content.decode()
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.SUBMITTED


def test_a_secretary_of_another_cell_gets_404(tree, login):
    pledge = submitted(tree)
    client = login(tree.other_secretary_user)
    assert client.get(reverse("pledges:review", args=[pledge.pk])).status_code == 404
    r = client.post(
        reverse("pledges:review", args=[pledge.pk]), {"action": "accept", "version": pledge.version}
    )
    assert r.status_code == 404


def test_a_committee_member_can_read_but_not_decide(tree, login):
    pledge = submitted(tree)
    client = login(tree.committee_user)
    url = reverse("pledges:review", args=[pledge.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "accept", "version": pledge.version}).status_code == 404


def test_html_in_an_item_is_stored_as_written_and_shown_escaped(tree, login):
    client = login(tree.member_user)
    post_items(client, tree, ["<script>alert(1)</script> Tiếp dân 4 buổi mỗi tháng"])
    assert Pledge.objects.get().items.get().text.startswith("<script>")
    page = client.get(reverse("pledges:mine", args=[YEAR])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def returned_pledge(tree, comment="Ghi rõ chỉ tiêu của từng việc"):
    pledge = submitted(tree)
    pledge.refresh_from_db()
    services.pledge_return(
        actor=tree.secretary_user, pledge=pledge, comment=comment, version=pledge.version
    )
    return pledge


def test_the_return_comment_heads_the_pages_where_the_member_fixes_the_registration(tree, login):
    returned_pledge(tree)
    client = login(tree.member_user)
    for name in ("pledges:edit", "pledges:check", "pledges:mine"):
        html = client.get(reverse(name, args=[YEAR])).content.decode()
        assert "returned-note" in html and "“Ghi rõ chỉ tiêu của từng việc”" in html, name
        assert html.index("Ghi rõ chỉ tiêu") < html.index("item-card"), name  # above the items


def test_the_status_line_writes_the_time_then_the_date_without_a_stray_space(tree, login):
    pledge = returned_pledge(tree)
    html = login(tree.member_user).get(reverse("pledges:mine", args=[YEAR])).content.decode()
    assert " ," not in html
    from lamtheo.handbook.templatetags.handbook_tags import time_and_date

    assert f"(nộp lúc {time_and_date(pledge.submitted_at)})" in html
    assert " ngày " in time_and_date(pledge.submitted_at)


def test_the_confirmation_gives_the_handbook_due_day_from_the_settings(tree, login, settings):
    settings.LAMTHEO = {**settings.LAMTHEO, "HANDBOOK_DUE_DAY": 7}
    submitted(tree)
    html = login(tree.member_user).get(reverse("pledges:done", args=[YEAR])).content.decode()
    assert "nộp trước ngày 7 tháng sau" in html and "“Làm theo gương Bác”" in html
