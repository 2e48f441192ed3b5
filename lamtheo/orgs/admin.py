from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lamtheo.core.admin import AuditedAdmin
from lamtheo.orgs.models import OrgUnit, Role


@admin.register(OrgUnit)
class OrgUnitAdmin(AuditedAdmin):
    list_display = ["code", "name", "kind", "parent", "is_active"]
    search_fields = ["code", "name"]
    list_filter = ["kind", "is_active"]
    readonly_fields = ["path", "depth"]
    raw_id_fields = ["parent"]


@admin.register(Role)
class RoleAdmin(AuditedAdmin, SimpleHistoryAdmin):
    list_display = ["user", "kind", "unit"]
    list_filter = ["kind"]
    raw_id_fields = ["user", "unit"]
