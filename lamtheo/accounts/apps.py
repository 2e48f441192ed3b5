from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lamtheo.accounts"
    verbose_name = "Tài khoản và vai trò"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from lamtheo.accounts.middleware import remember_must_change_password

        user_logged_in.connect(remember_must_change_password, dispatch_uid="lamtheo.accounts")
