"""The people an import just added (or gave a role), remembered in the administrator's
session under a token, so that the import's done page can offer them accounts
(lamtheo.accounts reads them back with `recall`). Only ids: the accounts page checks scope
and who still has no account when it is opened."""

from __future__ import annotations

import uuid

SESSION_KEY = "people.imported"
KEPT = 5  # the last imports of the session


def remember(session, person_ids: list[int]) -> str:
    token = uuid.uuid4().hex
    kept = dict(list(session.get(SESSION_KEY, {}).items())[-(KEPT - 1) :])
    kept[token] = list(person_ids)
    session[SESSION_KEY] = kept
    return token


def recall(session, token: str) -> list[int] | None:
    """The ids remembered under `token`, or None (another session, or forgotten)."""
    ids = session.get(SESSION_KEY, {}).get(token)
    return None if ids is None else [int(i) for i in ids]
