"""The member profile, its moves and its export in the walk of every URL as every role."""

from __future__ import annotations

from datetime import date

from lamtheo.core.periods import month_start
from lamtheo.people import services
from lamtheo.people.models import LeavingKind
from lamtheo.tests.helpers import make_person
from lamtheo.tests.url_walk import Case, expect

# A person of Chi bộ 1: themself, and those who hold VIEW_PROFILES on the cell.
PROFILE = expect(404, member=200, secretary=200, committee=200, admin=200)
# Their cell's secretary and the bloc's administrator (MANAGE_PEOPLE).
KEEPERS = expect(404, secretary=200, admin=200)
# Anyone who is a person (has a profile) is sent to it.
OWN = expect(404, member=302, secretary=302, outsider=302, other_secretary=302)


def prepare(world) -> None:
    world.exemption = services.person_exempt(
        actor=world.secretary_user, person=world.proxy_member, start_month=date(2021, 1, 1),
        end_month=date(2021, 7, 1), reason="Đi học dài hạn",
    )  # fmt: skip
    # Someone of Chi bộ 2 who left the party this month: only the administrator keeps them.
    world.leaver = make_person("DV009", "Đinh Văn Khải", world.cell2)
    services.person_leave(
        actor=world.admin_user, person=world.leaver, kind=LeavingKind.LEFT_PARTY,
        month=month_start(date.today()), version=world.leaver.version,
    )  # fmt: skip


def cases(w) -> list[Case]:
    m = w.member.pk
    return [
        ("people:my_profile", [], OWN, "get"),
        ("people:profile", [m], PROFILE, "get"),
        ("people:profile", [w.leaver.pk], expect(404, committee=200, admin=200), "get"),
        ("people:edit_contact", [m], expect(404, member=200, secretary=200, admin=200), "get"),
        ("people:edit_party_data", [m], KEEPERS, "get"),
        ("people:transfer", [m], KEEPERS, "get"),
        ("people:exempt", [m], KEEPERS, "get"),
        ("people:exemption_end", [w.proxy_member.pk, w.exemption.pk], KEEPERS, "get"),
        ("people:leave", [m], KEEPERS, "get"),
        ("people:return", [w.leaver.pk], expect(404, admin=200), "get"),
        ("people:done", [m, "chuyen-sinh-hoat"], KEEPERS, "get"),
        ("people:home", [], expect(302, member=404, outsider=404, propaganda=404), "get"),
        ("people:unit_people", [w.org.code], expect(404, committee=200, admin=200), "get"),
        (
            "people:unit_people",
            [w.cell.code],
            expect(404, secretary=200, committee=200, admin=200),
            "get",
        ),  # fmt: skip
        ("people:export", [w.org.code], expect(404, committee=200, admin=200), "get"),
        (
            "people:export",
            [w.cell.code],
            expect(404, secretary=200, committee=200, admin=200),
            "get",
        ),
    ]
