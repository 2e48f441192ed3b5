"""The member's and the secretary's handbook pages: what they say and where they lead."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from lamtheo.core.periods import add_months
from lamtheo.handbook import services
from lamtheo.handbook.models import HandbookEntry, Rating
from lamtheo.handbook.templatetags.handbook_tags import time_and_date
from lamtheo.handbook.tests.helpers import THIS_MONTH, filled, registered
from lamtheo.pledges import services as pledges

SLUG = f"{THIS_MONTH:%Y-%m}"
COMMENT = "Đề nghị ghi rõ số hồ sơ đã giải quyết trong tháng."


def returned(tree):
    registered(tree)
    entry = filled(tree)
    services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)
    entry.refresh_from_db()
    services.entry_return(
        actor=tree.secretary_user, entry=entry, comment=COMMENT, version=entry.version
    )
    entry.refresh_from_db()
    return entry


def page(client, name, *args) -> str:
    r = client.get(reverse(name, args=args))
    assert r.status_code == 200
    return r.content.decode()


def test_the_cells_return_comment_heads_every_page_where_the_member_fixes_the_month(tree, login):
    entry = returned(tree)
    client = login(tree.member_user)
    item = entry.pledge.items.first()
    for html in (
        page(client, "handbook:item", tree.member.pk, SLUG, item.pk),
        page(client, "handbook:self", tree.member.pk, SLUG),
        page(client, "handbook:check", tree.member.pk, SLUG),
        page(client, "handbook:month", tree.member.pk, SLUG),
    ):
        assert "returned-note" in html and f"“{COMMENT}”" in html
        # before the form or the list, not after it
        assert html.index(COMMENT) < html.index("<h1") or html.index(COMMENT) < html.index(
            "task-list" if "task-list" in html else "<form"
        )


def test_a_month_not_returned_shows_no_return_notice(tree, login):
    registered(tree)
    filled(tree)
    html = page(login(tree.member_user), "handbook:self", tree.member.pk, SLUG)
    assert "returned-note" not in html


def test_a_month_not_yet_due_gives_the_due_date(tree, login, settings):
    registered(tree)
    html = page(login(tree.member_user), "handbook:month", tree.member.pk, SLUG)
    due = add_months(THIS_MONTH, 1).replace(day=5)
    assert f"Hạn nộp: ngày {due:%d/%m/%Y}." in html
    assert "quá hạn" not in html


def test_the_due_date_follows_the_setting(tree, login, settings):
    settings.LAMTHEO = {**settings.LAMTHEO, "HANDBOOK_DUE_DAY": 10}
    registered(tree)
    html = page(login(tree.member_user), "handbook:month", tree.member.pk, SLUG)
    assert f"ngày {add_months(THIS_MONTH, 1).replace(day=10):%d/%m/%Y}" in html


def test_an_overdue_month_says_so_with_its_date(tree, login):
    old = add_months(THIS_MONTH, -2)
    p = pledges.pledge_start(actor=tree.member_user, person=tree.member, year=old.year)
    pledges.pledge_save_items(
        actor=tree.member_user,
        pledge=p,
        version=p.version,
        items=[pledges.ItemInput(area=tree.areas[0], text="Giải quyết 100% hồ sơ đúng hạn")],
    )
    pledges.pledge_submit(actor=tree.member_user, pledge=p, version=p.version)
    html = page(login(tree.member_user), "handbook:month", tree.member.pk, f"{old:%Y-%m}")
    assert "Đã quá hạn nộp." in html
    assert f"ngày {add_months(old, 1).replace(day=5):%d/%m/%Y}" in html


def test_entering_on_behalf_leads_back_to_the_cell(tree, login):
    registered(tree)
    entry = filled(tree)
    client = login(tree.secretary_user)
    cell_url = reverse("orgs:unit", args=[tree.cell.code])
    item = entry.pledge.items.first()
    for html in (
        page(client, "handbook:item", tree.member.pk, SLUG, item.pk),
        page(client, "handbook:month", tree.member.pk, SLUG),
    ):
        crumbs = html[html.index('class="breadcrumbs"') :]
        crumbs = crumbs[: crumbs.index("</p>")]
        assert cell_url in crumbs and 'href="/"' not in crumbs


def test_the_member_is_led_back_to_their_task_list(tree, login):
    registered(tree)
    entry = filled(tree)
    html = page(
        login(tree.member_user),
        "handbook:item",
        tree.member.pk,
        SLUG,
        entry.pledge.items.first().pk,
    )
    crumbs = html[html.index('class="breadcrumbs"') :]
    assert 'href="/"' in crumbs[: crumbs.index("</p>")]


def test_the_confirmation_after_entering_on_behalf_speaks_to_the_secretary(tree, login):
    registered(tree)
    entry = filled(tree, user=tree.secretary_user)
    services.entry_submit(actor=tree.secretary_user, entry=entry, version=entry.version)
    html = page(login(tree.secretary_user), "handbook:done", tree.member.pk, SLUG)
    assert f"của đồng chí {tree.member.full_name}" in html
    assert "do đồng chí nhập thay" in html
    assert reverse("orgs:unit", args=[tree.cell.code]) in html
    assert "đồng chí sẽ thấy ngay trong mục" not in html


def test_the_members_own_confirmation_speaks_to_the_member(tree, login):
    registered(tree)
    entry = filled(tree)
    services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)
    html = page(login(tree.member_user), "handbook:done", tree.member.pk, SLUG)
    assert "đồng chí sẽ thấy ngay trong mục" in html and "nhập thay" not in html


def test_the_review_page_writes_the_time_then_the_date_and_says_late(tree, login):
    old = add_months(THIS_MONTH, -2)
    p = pledges.pledge_start(actor=tree.member_user, person=tree.member, year=old.year)
    pledges.pledge_save_items(
        actor=tree.member_user,
        pledge=p,
        version=p.version,
        items=[pledges.ItemInput(area=tree.areas[0], text="Giải quyết 100% hồ sơ đúng hạn")],
    )
    pledges.pledge_submit(actor=tree.member_user, pledge=p, version=p.version)
    entry = filled(tree, month=old)
    services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)
    entry.refresh_from_db()
    html = page(login(tree.secretary_user), "handbook:review", tree.member.pk, f"{old:%Y-%m}")
    assert f"nộp lúc {time_and_date(entry.submitted_at)}, " in html
    assert "sau hạn" in html and " muộn." not in html


def test_time_and_date_is_local_time_then_the_date():
    moment = dt.datetime(2026, 11, 29, 10, 17, tzinfo=dt.UTC)
    assert time_and_date(moment) == "17:17 ngày 29/11/2026"  # Asia/Ho_Chi_Minh
    assert time_and_date(None) == ""


def test_the_roster_shows_a_phone_the_recent_months_and_keeps_the_whole_year(tree, login):
    client = login(tree.secretary_user)
    url = reverse("orgs:unit", args=[tree.cell.code])
    html = client.get(url).content.decode()
    older = max(THIS_MONTH.month - 3, 0)
    assert "roster-recent" in html
    # each person row and the header mark the months before the last three
    assert html.count('class="m-old"') == older * (1 + 3)  # header + member, secretary, proxy
    whole = client.get(url, {"ca-nam": "1"}).content.decode()
    assert "roster-recent" not in whole and 'name="ca-nam"' in whole


def test_the_year_grids_print_on_a_landscape_page(tree, login):
    client = login(tree.secretary_user)
    assert 'class="print-landscape"' in page(client, "orgs:unit", tree.cell.code)
    html = page(client, "handbook:person_year", tree.member.pk, THIS_MONTH.year)
    assert 'class="print-landscape"' in html


def test_the_year_page_explains_the_red_cell(tree, login):
    registered(tree)
    entry = filled(tree)
    services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)
    entry.refresh_from_db()
    services.entry_review(
        actor=tree.secretary_user,
        entry=entry,
        comment="Tốt",
        rating=Rating.DONE,
        version=entry.version,
    )
    html = page(login(tree.member_user), "handbook:person_year", tree.member.pk, THIS_MONTH.year)
    assert "Ô màu đỏ ở hàng “Chi bộ xếp loại”" in html and "Ô tô" not in html
    assert 'class="disagree"' in html
    assert HandbookEntry.objects.get().rating_disagrees


def test_the_check_page_tells_the_secretary_what_submitting_on_behalf_means(tree, login):
    registered(tree)
    filled(tree, user=tree.secretary_user)
    html = page(login(tree.secretary_user), "handbook:check", tree.member.pk, SLUG)
    assert "được ghi là do đồng chí nhập thay" in html


def test_an_item_not_done_and_a_month_not_completed_are_not_shown_in_green(tree, login):
    from lamtheo.handbook.models import Progress

    registered(tree)
    entry = filled(tree)
    first, second = entry.pledge.items.all()[:2]
    for item, progress in ((first, Progress.NOT_DONE), (second, Progress.IN_PROGRESS)):
        entry.refresh_from_db()
        services.entry_save_item(actor=tree.member_user, entry=entry, item=item,
                                 progress=progress, note="", version=entry.version)  # fmt: skip
    entry.refresh_from_db()
    services.entry_save_self(actor=tree.member_user, entry=entry, self_assessment="Chưa tốt",
                             self_rating=Rating.NOT_DONE, version=entry.version)  # fmt: skip
    html = page(login(tree.member_user), "handbook:month", tree.member.pk, SLUG)
    assert '<span class="tag tag-missing">Chưa thực hiện</span>' in html
    assert '<span class="tag tag-late">Đang thực hiện</span>' in html
    assert '<span class="tag tag-missing">Chưa hoàn thành</span>' in html
    assert "tag-ok" not in html.split("task-list", 1)[1].split("</ul>", 1)[0]
