from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lamtheo.accounts"
    verbose_name = "Tài khoản và vai trò"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_save

        from lamtheo.accounts.middleware import remember_must_change_password
        from lamtheo.accounts.signals import password_saved

        user_logged_in.connect(remember_must_change_password, dispatch_uid="lamtheo.accounts")
        post_save.connect(
            password_saved, sender=get_user_model(), dispatch_uid="lamtheo.accounts.password"
        )
