"""The sign-in's pages in the walk of every URL as every role.

Everyone signed in has an account page, password change and the two-factor pages; the
pages of a forgotten password open to anyone. The committee member (Đảng bộ Sở A) and the
administrator (the bloc) must use two-factor sign-in: the walk signs them in with it, so
they may make new recovery codes; only the administrator resets someone else's."""

from __future__ import annotations

from lamtheo.tests.url_walk import ROLES, Case, expect

OPEN_TO_ALL = {r: 200 for r in ROLES}


def cases(w) -> list[Case]:
    return [
        ("signin:account", [], expect(200), "get"),
        ("signin:password_change", [], expect(200), "get"),
        ("signin:password_change_done", [], expect(200), "get"),
        ("signin:password_reset", [], OPEN_TO_ALL, "get"),
        ("signin:password_reset_done", [], OPEN_TO_ALL, "get"),
        ("signin:password_reset_confirm", ["MQ", "khong-hop-le"], OPEN_TO_ALL, "get"),
        ("signin:password_reset_complete", [], OPEN_TO_ALL, "get"),
        ("signin:two_factor", [], expect(200), "get"),
        ("signin:setup", [], expect(200), "get"),
        ("signin:setup_start", [], expect(302), "post"),
        ("signin:codes_renew", [], expect(302, committee=200, admin=200), "post"),
        ("signin:two_factor_off", [], expect(302), "post"),
        ("signin:verify", [], expect(302), "get"),
        ("signin:reset_two_factor", [], expect(404, admin=200), "get"),
    ]
