"""What every administration page of the project shares: its writes are audited like the
services' (core.audit), including the rows a delete cascades to."""

from __future__ import annotations

from django.contrib import admin

from lamtheo.core.actions import CoreAction
from lamtheo.core.audit import tag_all


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes carry an action code and a reason."""

    def save_model(self, request, obj, form, change) -> None:
        action = CoreAction.ADMIN_CHANGED if change else CoreAction.ADMIN_ADDED
        with tag_all(actor=request.user, action=action, reason=action.label):
            super().save_model(request, obj, form, change)

    def delete_model(self, request, obj) -> None:
        with _deleting(request):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        with _deleting(request):
            super().delete_queryset(request, queryset)


def _deleting(request):
    action = CoreAction.ADMIN_DELETED
    return tag_all(actor=request.user, action=action, reason=action.label)
