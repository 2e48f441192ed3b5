"""Every write on accounts: issuing accounts and one-time codes, the first password, locking
and unlocking. Keyword-only, atomic, audited on AccountState (its history says who did what
to the account, when and why).

A one-time code leaves the server only in the answer to the request that issued it (the
slips, the page, the e-mail): it is kept nowhere but as a password hash.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from lamtheo.accounts.actions import AccountAction
from lamtheo.accounts.codes import code_hash, new_code
from lamtheo.accounts.models import AccountState, BatchKind, IssueBatch
from lamtheo.core.audit import tag
from lamtheo.core.errors import DomainError
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import standing_roles
from lamtheo.people.models import Person
from lamtheo.people.services import person_user_create, username_for

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IssuedCode:
    """A code just issued, for the slips and the e-mail of this one answer."""

    person: Person
    username: str
    code: str
    new_account: bool


def _check_usernames_free(people: list[Person]) -> None:
    wanted = {username_for(p): p for p in people if p.user_id is None}
    taken = sorted(User.objects.filter(username__in=wanted).values_list("username", flat=True))
    if taken:
        names = ", ".join(f"{wanted[u].full_name} ({wanted[u].code})" for u in taken[:5])
        raise DomainError(
            f"Tên đăng nhập đã có người dùng khác mang: {names}. Đề nghị quản trị viên "
            "kiểm tra lại mã định danh của những người này trước khi cấp tài khoản."
        )


def _issue_one(*, actor, person: Person, batch: IssueBatch, now) -> IssuedCode:
    code = new_code()
    user = person.user
    if user is None:
        # The User record is people's (person_user_create: the code as its name, no usable
        # password); the account opens with the code below.
        user = person_user_create(actor=actor, person=person, reason=batch.get_kind_display())
    state = _state_of(user)
    # A record made for a role by the import, never given a code, is still no account.
    new_account = state.code_issued_at is None and not user.has_usable_password()
    user.password = code_hash(code)
    user.save(update_fields=["password"])
    state.must_change_password = True
    state.code_issued_at, state.code_issued_by, state.batch = now, _user(actor), batch
    action = AccountAction.ACCOUNT_ISSUED if new_account else AccountAction.CODE_REISSUED
    tag(state, actor=actor, action=action, reason=f"{action.label} ({batch.get_kind_display()})")
    state.save()
    return IssuedCode(person, user.username, code, new_account)


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def codes_issue(
    *, actor, unit: OrgUnit, people: list[Person], kind: str = BatchKind.PERSON, login_url: str = ""
) -> tuple[IssueBatch, list[IssuedCode]]:
    """Issue an account (or a new one-time code for an existing one) to each person: the
    password becomes the code, to be replaced at the first log-in. Locked accounts are
    refused (unlock first); scope is the caller's."""
    if not people:
        raise DomainError("Không có ai để cấp tài khoản.")
    batch = IssueBatch.objects.create(unit=unit, kind=kind, issued_by=_user(actor))
    return batch, _issue_into(actor=actor, batch=batch, people=people, login_url=login_url)


@transaction.atomic
def batch_reissue(*, actor, batch: IssueBatch, login_url: str = "") -> list[IssuedCode]:
    """New codes for the people of `batch` who have not used theirs (the answer with the
    first codes was lost: a double click, a closed tab). The first codes stop working. Anyone
    given a role since (even one starting on a later day) is left out: their code comes one
    by one, from who could assign it."""
    waiting = list(
        Person.objects.filter(
            user__account_state__batch=batch,
            user__account_state__must_change_password=True,
            user__is_active=True,
        ).exclude(user__in=standing_roles().values("user_id"))
    )
    if not waiting:
        raise DomainError("Mọi người trong lượt cấp này đã đăng nhập và đặt mật khẩu mới.")
    again = IssueBatch.objects.create(unit=batch.unit, kind=batch.kind, issued_by=_user(actor))
    return _issue_into(actor=actor, batch=again, people=waiting, login_url=login_url)


def _issue_into(
    *, actor, batch: IssueBatch, people: list[Person], login_url: str
) -> list[IssuedCode]:
    ids = [p.pk for p in people]
    list(Person.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
    people = sorted(
        Person.objects.select_related("user", "cell").filter(pk__in=ids),
        key=lambda p: (p.cell.path if p.cell else "", p.sort_key, p.pk),
    )
    locked = [p.full_name for p in people if p.user is not None and not p.user.is_active]
    if locked:
        raise DomainError(
            f"Tài khoản của {', '.join(locked[:5])} đang bị khóa: mở khóa trước khi cấp mã mới."
        )
    _check_usernames_free(people)
    now = timezone.now()
    issued = [_issue_one(actor=actor, person=p, batch=batch, now=now) for p in people]
    IssueBatch.objects.filter(pk=batch.pk).update(size=len(issued))
    batch.size = len(issued)
    transaction.on_commit(lambda: mail_codes(issued, login_url=login_url))
    return issued


def mail_codes(issued: list[IssuedCode], *, login_url: str = "") -> int:
    """E-mail each code to the person's address, if they gave one; after the commit, and a
    mail server that is down only leaves a line in the log (the slips still carry the code)."""
    messages = [
        EmailMessage(
            subject="Tài khoản đăng nhập phần mềm Học tập và làm theo Bác",
            body=_mail_body(i, login_url),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[i.person.email],
        )
        for i in issued
        if i.person.email
    ]
    if not messages:
        return 0
    try:
        get_connection().send_messages(messages)
    except Exception:  # noqa: BLE001 - any transport failure is logged, never shown
        logger.exception("Không gửi được %d thư báo mã đăng nhập.", len(messages))
    return len(messages)


def _mail_body(i: IssuedCode, login_url: str) -> str:
    where = f"\nTrang đăng nhập: {login_url}" if login_url else ""
    return "\n".join(
        [
            f"Kính gửi đồng chí {i.person.full_name},",
            "",
            f"Đồng chí được cấp tài khoản phần mềm Học tập và làm theo Bác.{where}",
            f"Tên đăng nhập: {i.username}",
            f"Mã đăng nhập dùng một lần: {i.code}",
            "",
            "Ở lần đăng nhập đầu, phần mềm đề nghị đồng chí đặt mật khẩu mới của riêng mình; "
            "sau đó mã này không dùng được nữa. Đề nghị đồng chí không chuyển thư này cho người "
            "khác.",
            "",
            "Thư này được gửi tự động; đề nghị đồng chí không trả lời thư này.",
        ]
    )


@transaction.atomic
def first_password_set(*, user, form) -> None:
    """The first log-in: the person's own password replaces the one-time code (saving it
    clears "must change password", see password_chosen)."""
    form.save()


@transaction.atomic
def password_chosen(*, user) -> None:
    """A password of the person's own replaced the one-time code, by whatever way: the first
    log-in, the reset by e-mail, the change of password (User.set_password then save, which
    the accounts app listens to; a code is written as a hash, never through set_password).
    Nothing is left to change: the state is cleared and the history says when."""
    state = (
        AccountState.objects.select_for_update()
        .filter(user=user, must_change_password=True)
        .first()
    )
    if state is None:
        return
    state.must_change_password = False
    state.password_set_at = timezone.now()
    tag(state, actor=user, action=AccountAction.PASSWORD_SET, reason="Đặt mật khẩu mới")
    state.save()


@transaction.atomic
def account_deactivate(*, actor, user, reason: str) -> None:
    """Lock an account: the person can no longer log in; nothing of their records changes."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise DomainError("Tài khoản này đã bị khóa từ trước.")
    user.is_active = False
    user.save(update_fields=["is_active"])
    _record(actor, user, AccountAction.DEACTIVATED, reason.strip(), locked_reason=reason.strip())


@transaction.atomic
def account_reactivate(*, actor, user, reason: str) -> None:
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active:
        raise DomainError("Tài khoản này đang hoạt động, không cần mở khóa.")
    user.is_active = True
    user.save(update_fields=["is_active"])
    _record(actor, user, AccountAction.REACTIVATED, reason.strip(), locked_reason="")


def _record(actor, user, action: AccountAction, reason: str, **changes) -> None:
    state = _state_of(user)
    for field, value in changes.items():
        setattr(state, field, value)
    tag(state, actor=actor, action=action, reason=reason or action.label)
    state.save()


def _state_of(user) -> AccountState:
    """The user's AccountState, unsaved if new (the caller tags and saves it)."""
    return AccountState.objects.filter(user=user).first() or AccountState(user=user)
