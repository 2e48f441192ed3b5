"""The accounts and roles pages in the walk of every URL as every role.

Accounts of Chi bộ 1: the administrator (on the bloc) and the committee of Đảng bộ Sở A
issue them; the cell's secretary only gives new codes to her own cell's members with an
account. Roles: the committee staffs the cells below its đảng bộ, not the đảng bộ itself.
A batch issued by the administrator to a newcomer of Chi bộ 2 can be re-issued by its issuer.
"""

from __future__ import annotations

from lamtheo.accounts import services
from lamtheo.accounts.models import BatchKind
from lamtheo.orgs.models import Role, RoleKind
from lamtheo.tests.helpers import make_person
from lamtheo.tests.url_walk import Case, expect


def prepare(w) -> None:
    w.newcomer = make_person("DV090", "Đinh Thị Mai", w.cell2, with_user=False)
    w.batch, _ = services.codes_issue(
        actor=w.admin_user, unit=w.cell2, people=[w.newcomer], kind=BatchKind.UNIT
    )
    w.secretary_role = Role.objects.get(user=w.secretary_user, kind=RoleKind.SECRETARY)


def cases(w) -> list[Case]:
    issuers = expect(404, admin=200, committee=200)
    cell_list = expect(404, admin=200, committee=200, secretary=200)
    return [
        (
            "accounts:start",
            [],
            expect(404, admin=200, committee=200, secretary=200, other_secretary=200),
            "get",
        ),
        ("accounts:set_password", [], expect(302), "get"),
        ("accounts:unit", [w.cell.code], cell_list, "get"),
        ("accounts:unit", [w.org.code], issuers, "get"),
        ("accounts:unit", [w.cell_b.code], expect(404, admin=200, other_secretary=200), "get"),
        ("accounts:issue_all", [w.cell.code], issuers, "get"),
        ("accounts:issue_one", [w.proxy_member.pk], issuers, "get"),
        ("accounts:issue_one", [w.member.pk], cell_list, "get"),
        ("accounts:issue_one", [w.outsider.pk], issuers, "get"),
        ("accounts:deactivate", [w.member.pk], issuers, "get"),
        ("accounts:reactivate", [w.member.pk], expect(404, admin=302, committee=302), "get"),
        ("accounts:batch_reissue", [w.batch.pk], expect(404, admin=200), "post"),
        # The people of an import are found by a token of the importer's session only.
        ("accounts:issue_imported", ["0" * 32], expect(404), "get"),
        ("accounts:roles", [w.org.code], issuers, "get"),
        ("accounts:roles", [w.bloc.code], expect(404, admin=200), "get"),
        ("accounts:role_new", [w.cell.code], issuers, "get"),
        ("accounts:role_new", [w.org.code], expect(404, admin=200), "get"),
        ("accounts:role_end", [w.secretary_role.pk], issuers, "get"),
    ]
