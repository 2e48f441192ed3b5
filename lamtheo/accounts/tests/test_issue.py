from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from lamtheo.accounts.codes import ALPHABET, LENGTH
from lamtheo.accounts.models import AccountState, IssueBatch
from lamtheo.accounts.tests.helpers import code_of, slips_text
from lamtheo.core.form_tokens import new_token
from lamtheo.orgs.models import RoleKind
from lamtheo.orgs.services import role_grant
from lamtheo.people.models import Person
from lamtheo.people.services import person_user_create
from lamtheo.tests.helpers import make_person


@pytest.fixture
def newcomers(tree):
    """Two people of Chi bộ 1 without an account; one gave an e-mail address."""
    a = make_person("DV101", "Võ Thị Hạnh", tree.cell, with_user=False)
    b = make_person("DV102", "Lý Văn Khoa", tree.cell, with_user=False)
    Person.objects.filter(pk=a.pk).update(email="hanh@example.vn")
    return a, b


def issue_all(client, unit, token):
    return client.post(reverse("accounts:issue_all", args=[unit.code]), {"form_token": token})


def test_the_check_page_asks_before_issuing_for_everyone_without_an_account(tree, newcomers, login):
    page = login(tree.committee_user).get(reverse("accounts:issue_all", args=[tree.cell.code]))
    # The proxy member and the two newcomers: three people of Chi bộ 1 have no account.
    assert "Cấp tài khoản cho 3 người của Chi bộ Phòng 1?" in page.content.decode()
    assert not IssueBatch.objects.exists()


def test_issuing_for_a_unit_makes_accounts_that_must_change_the_password(tree, newcomers, login):
    r = issue_all(login(tree.committee_user), tree.cell, new_token())
    assert r.status_code == 200
    assert "Đã cấp mã đăng nhập cho 3 người" in r.content.decode()
    hanh = Person.objects.get(code="DV101")
    assert hanh.user.username == "dv101"
    assert hanh.user.account_state.must_change_password
    assert hanh.user.account_state.code_issued_by == tree.committee_user
    code = code_of(slips_text(r), "dv101")
    assert len(code) == LENGTH and set(code) <= set(ALPHABET)
    assert code not in hanh.user.password and hanh.user.check_password(code)
    assert r["Cache-Control"] == "private, no-store"


def test_a_double_click_issues_one_batch(tree, newcomers, login):
    client, token = login(tree.committee_user), new_token()
    first = issue_all(client, tree.cell, token)
    second = issue_all(client, tree.cell, token)
    assert IssueBatch.objects.count() == 1
    assert User.objects.filter(username__in=["dv101", "dv102", "dv004"]).count() == 3
    assert "Đã cấp ở lần bấm trước" in second.content.decode()
    # The codes of the first answer still work: the second click changed nothing.
    code = code_of(slips_text(first), "dv102")
    assert User.objects.get(username="dv102").check_password(code)


def test_a_lost_answer_is_recovered_by_issuing_the_batch_again(tree, newcomers, login):
    client, token = login(tree.committee_user), new_token()
    first = issue_all(client, tree.cell, token)
    old = code_of(slips_text(first), "dv101")
    batch = IssueBatch.objects.get()
    again = client.post(reverse("accounts:batch_reissue", args=[batch.pk]))
    new = code_of(slips_text(again), "dv101")
    user = User.objects.get(username="dv101")
    assert user.check_password(new) and not user.check_password(old)


def test_the_slips_name_the_person_the_cell_the_login_the_code_and_the_address(
    tree, newcomers, login
):
    r = issue_all(login(tree.admin_user), tree.cell, new_token())
    text = slips_text(r)
    assert "PHIẾU TÀI KHOẢN ĐĂNG NHẬP – CHI BỘ PHÒNG 1" in text
    block = text[text.index("Đồng chí: Võ Thị Hạnh") :]
    assert "Chi bộ: Chi bộ Phòng 1" in block
    assert "Tên đăng nhập: dv101" in block
    assert "Địa chỉ phần mềm: http://testserver/" in block
    assert "đặt mật khẩu mới" in block


def test_the_answer_also_holds_the_slips_for_the_browser_s_print_the_same_as_the_docx(
    tree, newcomers, login
):
    r = issue_all(login(tree.admin_user), tree.cell, new_token())
    page = r.content.decode()
    printed = page[page.index('<section class="slips-print"') :]
    printed = printed[: printed.index("</section>")]
    assert "PHIẾU TÀI KHOẢN ĐĂNG NHẬP – CHI BỘ PHÒNG 1" in printed
    for username in ("dv101", "dv102"):
        code = code_of(slips_text(r), username)
        slip = printed[printed.index(f'<strong class="slip-big">{username}</strong>') :]
        assert code in slip[: slip.index("</div>")]
    assert "http://testserver/" in printed and "đặt mật khẩu mới" in printed
    # Everything else of the answer stays off the paper.
    assert page.index('<div class="no-print">') < page.index("Việc tiếp theo")


def test_the_code_is_e_mailed_to_those_with_an_address_and_kept_nowhere(
    tree, newcomers, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        r = issue_all(login(tree.admin_user), tree.cell, new_token())
    code = code_of(slips_text(r), "dv101")
    assert [m.to for m in mail.outbox] == [["hanh@example.vn"]]
    assert code in mail.outbox[0].body and "dv101" in mail.outbox[0].body
    state = AccountState.objects.get(user__username="dv101")
    assert all(code not in str(v) for v in state.history.values_list())


def test_one_person_gets_an_account_and_sees_the_code_once(tree, newcomers, login):
    hanh = newcomers[0]
    client = login(tree.admin_user)
    r = client.post(reverse("accounts:issue_one", args=[hanh.pk]), {"form_token": new_token()})
    page = r.content.decode()
    assert "Đã cấp tài khoản cho đồng chí Võ Thị Hạnh" in page
    code = code_of(slips_text(r), "dv101")
    assert code in page
    assert code not in client.get(reverse("accounts:unit", args=[tree.cell.code])).content.decode()


def test_the_list_shows_each_persons_state(tree, newcomers, login):
    client = login(tree.admin_user)
    issue_all(client, tree.cell, new_token())
    AccountState.objects.filter(user__username="dv102").update(must_change_password=False)
    User.objects.filter(username="dv001").update(is_active=False)
    make_person("DV103", "Tạ Văn Long", tree.cell, with_user=False)
    page = client.get(reverse("accounts:unit", args=[tree.cell.code])).content.decode()

    def state(name: str) -> str:
        row = page[page.index(name) :]
        return row[: row.index("</tr>")]

    assert "Chưa có tài khoản" in state("Tạ Văn Long")
    assert "Chờ đăng nhập lần đầu" in state("Võ Thị Hạnh")
    assert "Đang hoạt động" in state("Lý Văn Khoa")
    assert "Đã khóa" in state("Nguyễn Văn An")


def test_a_taken_login_name_is_refused_in_vietnamese(tree, newcomers, login):
    User.objects.create_user("dv101", password="x-khac-2025-dai")
    r = issue_all(login(tree.admin_user), tree.cell, new_token())
    assert "Tên đăng nhập đã có người dùng khác mang: Võ Thị Hạnh (DV101)" in r.content.decode()
    assert not IssueBatch.objects.exists()
    assert not User.objects.filter(username="dv102").exists()


def test_nobody_issues_a_code_for_themself(tree, login):
    r = login(tree.secretary_user).get(reverse("accounts:issue_one", args=[tree.secretary.pk]))
    assert r.status_code == 404


def test_issuing_a_batch_again_leaves_out_who_got_a_role_since(tree, newcomers, login):
    from lamtheo.orgs.services import role_grant

    client = login(tree.committee_user)
    issue_all(client, tree.cell, new_token())
    hanh = Person.objects.select_related("user").get(code="DV101")
    role_grant(actor=None, user=hanh.user, unit=tree.bloc, kind="admin")
    before = User.objects.get(pk=hanh.user_id).password
    again = client.post(reverse("accounts:batch_reissue", args=[IssueBatch.objects.get().pk]))
    assert "dv101" not in slips_text(again) and "dv102" in slips_text(again)
    assert User.objects.get(pk=hanh.user_id).password == before


def test_the_list_costs_the_same_queries_for_more_people(tree, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(tree.admin_user)
    url = reverse("accounts:unit", args=[tree.org.code])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for i in range(8):
        make_person(f"DV5{i:02d}", f"Người Thứ {i}", tree.cell2, with_user=i % 2 == 0)
    assert queries() == few


def test_a_user_made_for_a_role_without_a_code_is_still_without_an_account(tree, newcomers, login):
    """people.services.person_user_create (the import's secretary): a User with no usable
    password and no code issued counts as no account, and issuing opens that same User."""
    hanh = newcomers[0]
    user = person_user_create(actor=tree.admin_user, person=hanh, reason="Nhập danh sách")
    role_grant(actor=tree.admin_user, user=user, unit=tree.cell, kind=RoleKind.DEPUTY)
    client = login(tree.admin_user)
    unit_page = client.get(reverse("accounts:unit", args=[tree.cell.code]) + "?trang-thai=none")
    assert "Võ Thị Hạnh" in unit_page.content.decode()
    r = issue_all(client, tree.cell, new_token())
    assert "Đã cấp mã đăng nhập cho 3 người" in r.content.decode()
    hanh.refresh_from_db()
    assert hanh.user_id == user.pk and User.objects.get(pk=user.pk).has_usable_password()
    assert code_of(slips_text(r), "dv101")
