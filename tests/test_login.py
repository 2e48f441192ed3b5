from __future__ import annotations

from django.urls import reverse

from lamtheo.tests.helpers import PASSWORD


def test_a_wrong_password_and_an_unknown_user_get_the_same_message(tree, client):
    url = reverse("login")
    wrong_password = client.post(url, {"username": "dv001", "password": "sai-mat-khau"})
    unknown_user = client.post(url, {"username": "khong-co-ai", "password": "sai-mat-khau"})
    message = "Tên đăng nhập hoặc mật khẩu không đúng"
    assert message in wrong_password.content.decode()
    assert message in unknown_user.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_member_logs_in_and_sees_the_task_list(tree, client):
    r = client.post(reverse("login"), {"username": "dv001", "password": PASSWORD}, follow=True)
    page = r.content.decode()
    assert "Việc cần làm" in page
    assert "Nguyễn Văn An" in page


def test_everyone_can_log_out(tree, client):
    client.force_login(tree.member_user)
    r = client.post(reverse("logout"))
    assert r.status_code == 302
    assert client.get(reverse("home:home")).status_code == 302
