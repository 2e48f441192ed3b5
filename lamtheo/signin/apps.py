from django.apps import AppConfig


class SigninConfig(AppConfig):
    name = "lamtheo.signin"
    verbose_name = "Đăng nhập và mật khẩu"
