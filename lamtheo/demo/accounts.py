"""The demo's accounts: nearly everyone has one, so that a reminder reaches the people it
names; a few members of the demo secretary's cell still wait for their first log-in (the
state "Chờ đăng nhập lần đầu" on the accounts page). Bulk writes with one password hash
computed once (the demo password; the waiting ones log in with it and are asked for a new
password): issuing thousands of codes through the services would hash each one.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.utils import timezone

from lamtheo.accounts.models import AccountState
from lamtheo.demo.context import BATCH
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.tree import subtree_q
from lamtheo.people.models import Person

WAITING = 3  # members of the demo secretary's cell who have not logged in yet


def load(*, root: OrgUnit, password: str, secretary_username: str, issuer_username: str) -> int:
    """Accounts for the people of `root`'s subtree who have none; returns how many."""
    people = list(
        Person.objects.filter(subtree_q(root.path, "cell__path"), user__isnull=True).order_by(
            "cell__path", "sort_key"
        )
    )
    users = [
        User(username=p.code.lower(), first_name=p.full_name, email=p.email, password=password)
        for p in people
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    for p, u in zip(people, users, strict=True):
        p.user_id = u.pk
    Person.objects.bulk_update(people, ["user"], batch_size=BATCH)
    # The cells' secretaries were made without a usable password: now they can log in too.
    in_tree = User.objects.filter(subtree_q(root.path, "person__cell__path"))
    in_tree.filter(password__startswith="!").update(password=password)
    _states(root, in_tree, secretary_username, issuer_username)
    return len(people)


def _states(root, in_tree, secretary_username: str, issuer_username: str) -> None:
    secretary = User.objects.select_related("person__cell").get(username=secretary_username)
    issuer = User.objects.filter(username=issuer_username).first()
    waiting = set(
        User.objects.filter(person__cell=secretary.person.cell, roles__isnull=True)
        .exclude(username__in=["dangvien", "dangvien2"])
        .order_by("-person__sort_key")
        .values_list("pk", flat=True)[:WAITING]
    )
    now = timezone.now()
    AccountState.objects.bulk_create(
        [
            AccountState(
                user_id=pk,
                must_change_password=pk in waiting,
                code_issued_at=now,
                code_issued_by=issuer,
                password_set_at=None if pk in waiting else now,
            )
            for pk in in_tree.filter(account_state__isnull=True).values_list("pk", flat=True)
        ],
        batch_size=BATCH,
    )


def waiting_usernames() -> list[str]:
    """The demo accounts still waiting for their first log-in (printed by load_demo)."""
    waiting = AccountState.objects.filter(must_change_password=True, user__is_active=True)
    return sorted(waiting.values_list("user__username", flat=True))[:WAITING]
