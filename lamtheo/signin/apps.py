from django.apps import AppConfig


class SigninConfig(AppConfig):
    name = "lamtheo.signin"
    verbose_name = "Đăng nhập và mật khẩu"

    def ready(self) -> None:
        # django-otp's admin pages show each device's secret key and its QR code, and delete
        # devices without the audit: the second step is reset through signin's page or
        # `manage.py two_factor_reset` instead. (The admin has discovered its modules by now:
        # django.contrib.admin comes first in INSTALLED_APPS.)
        from django.contrib import admin
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        for model in (TOTPDevice, StaticDevice):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
