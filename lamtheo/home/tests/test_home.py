"""The home page: the person's tasks with the cell's comments, and what waits for a secretary."""

from __future__ import annotations

from django.urls import reverse

from lamtheo.handbook import services
from lamtheo.handbook.tests.helpers import filled, registered
from lamtheo.pledges import services as pledges


def home(client) -> str:
    return client.get(reverse("home:home")).content.decode()


def test_a_returned_months_comment_sits_in_its_task(tree, login):
    registered(tree)
    entry = filled(tree)
    services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)
    entry.refresh_from_db()
    services.entry_return(
        actor=tree.secretary_user, entry=entry, comment="Ghi rõ số hồ sơ", version=entry.version
    )
    html = home(login(tree.member_user))
    task = html[html.index(f"Sổ tay tháng {entry.month:%m/%Y}") :]
    task = task[: task.index("</li>")]
    assert "Trả lại" in task and "“Ghi rõ số hồ sơ”" in task


def test_a_returned_registrations_comment_sits_in_its_task(tree, login):
    pledge = registered(tree)
    pledge.refresh_from_db()
    pledges.pledge_return(
        actor=tree.secretary_user, pledge=pledge, comment="Thêm chỉ tiêu", version=pledge.version
    )
    html = home(login(tree.member_user))
    task = html[html.index("Bản đăng ký học tập và làm theo") :]
    task = task[: task.index("</li>")]
    assert "Chi bộ trả lại" in task and "“Thêm chỉ tiêu”" in task
    assert html.count("Thêm chỉ tiêu") == 1


def test_a_secretary_sees_near_the_top_how_much_waits_for_them(tree, login):
    registered(tree)
    entry = filled(tree)
    services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)
    html = home(login(tree.secretary_user))
    box = html[html.index("Chờ đồng chí xem xét") :]
    box = box[: box.index("</div>")]
    assert "1 sổ tay tháng" in box and "1 bản đăng ký" in box
    assert reverse("orgs:unit", args=[tree.cell.code]) in box
    assert html.index("Chờ đồng chí xem xét") < html.index("<h2>Việc cần làm</h2>")


def test_a_secretary_with_nothing_waiting_is_told_so(tree, login):
    html = home(login(tree.secretary_user))
    assert "Không có bản đăng ký hay sổ tay nào chờ đồng chí xem xét." in html


def test_a_member_sees_no_review_box(tree, login):
    registered(tree)
    html = home(login(tree.member_user))
    assert "Chờ đồng chí xem xét" not in html and "chờ đồng chí xem xét" not in html


def test_the_cells_work_comes_before_her_own_months_with_the_queue(tree, login):
    registered(tree)
    entry = filled(tree)
    services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)
    html = home(login(tree.secretary_user))
    box = html[html.index("Chờ đồng chí xem xét") : html.index("<h2>Việc cần làm</h2>")]
    assert f"Bản đăng ký năm {entry.month.year} – {tree.member.full_name}" in box
    assert f"Sổ tay tháng {entry.month:%m/%Y} – {tree.member.full_name}" in box
    assert reverse("handbook:queue_next") in box and reverse("handbook:queue") in box
    assert box.index("Bản đăng ký năm") < box.index("Sổ tay tháng")  # oldest first


def test_her_own_submitted_registration_is_not_in_her_box(tree, login):
    registered(tree, person=tree.secretary, user=tree.secretary_user)
    html = home(login(tree.secretary_user))
    assert "Không có bản đăng ký hay sổ tay nào chờ đồng chí xem xét." in html


def test_months_the_cell_has_reviewed_fold_under_one_line_and_the_rest_stay_in_the_list(
    tree, login
):
    registered(tree)
    entry = filled(tree)
    services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)
    entry.refresh_from_db()
    html = home(login(tree.member_user))
    task_list = html[html.index("<h2>Việc cần làm</h2>") :]
    task_list = task_list[: task_list.index("</ul>")]
    assert f"Sổ tay tháng {entry.month:%m/%Y}" in task_list  # handed in, not yet reviewed

    services.entry_review(
        actor=tree.secretary_user, entry=entry, comment="Tốt", rating="good",
        version=entry.version,
    )  # fmt: skip
    html = home(login(tree.member_user))
    task_list = html[html.index("<h2>Việc cần làm</h2>") :]
    task_list = task_list[: task_list.index("</ul>")]
    assert f"Sổ tay tháng {entry.month:%m/%Y}" not in task_list
    folded = html[html.index('<details class="done-tasks">') :]
    folded = folded[: folded.index("</details>")]
    assert "Các tháng đã xong (1): chi bộ đã nhận xét" in folded and "miễn" not in folded
    assert f"Sổ tay tháng {entry.month:%m/%Y}" in folded and "Đã nhận xét" in folded
