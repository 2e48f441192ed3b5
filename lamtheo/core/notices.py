"""Notices (thông báo): an in-app message and, for those with an address, an e-mail.

The Notice row is the record of what was sent, by whom and when (Notice has no
history of its own: a notice is written once and only ever marked read).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from lamtheo.core.errors import DomainError
from lamtheo.core.models import Notice

logger = logging.getLogger(__name__)

TEXT_MAX_LENGTH = Notice._meta.get_field("text").max_length
SENDER_TITLE_MAX_LENGTH = Notice._meta.get_field("sender_title").max_length
DEFAULT_SUBJECT = "Thông báo từ phần mềm Học tập và làm theo Bác"

# A reminder with the same text to the same people within this time is sent again only
# when the sender confirms it: a second click must not notify everyone twice.
REPEAT_WINDOW = timedelta(hours=24)
CONFIRM_FIELD = "confirm_repeat"


def last_sent(*, users, text: str) -> datetime | None:
    """When a notice with this text last reached one of `users` (users, ids or a query
    of ids), or None."""
    text = text.strip()[:TEXT_MAX_LENGTH]
    found = Notice.objects.filter(user__in=users, text=text).aggregate(at=Max("created_at"))
    return found["at"]


def reminded_label(at: datetime) -> str:
    return f"Đã nhắc lúc {timezone.localtime(at):%H:%M %d/%m/%Y}"


def recent(at: datetime | None, now: datetime | None = None) -> bool:
    return at is not None and at > (now or timezone.now()) - REPEAT_WINDOW


def refuse_repeat(*, users, text: str, confirmed: bool) -> None:
    """Refuse to send the same reminder to the same people again within 24 hours, unless
    the sender ticked the confirmation."""
    at = last_sent(users=users, text=text)
    if recent(at) and not confirmed:
        raise DomainError(
            f"{reminded_label(at)}, chưa quá 24 giờ. Nếu vẫn cần nhắc lại, đề nghị đồng chí "
            "đánh dấu ô xác nhận gửi lại rồi bấm gửi.",
            field=CONFIRM_FIELD,
        )


def _display_name(user) -> str:
    # Vietnamese order: family and middle names (last_name) before the given name
    # (first_name); Django's get_full_name() would put the given name first.
    name = f"{user.last_name} {user.first_name}".strip()
    return name or user.get_username()


def sender_label(user, title: str = "") -> str:
    """ "Đồng chí Nguyễn Thị Lan – Bí thư Chi bộ Khoa Nội", as the notices page shows it."""
    label = f"Đồng chí {_display_name(user)}"
    return f"{label} – {title}" if title else label


def _mail_body(user, *, actor, text: str, link: str, sender_title: str = "") -> str:
    lines = [f"Kính gửi đồng chí {_display_name(user)},", "", text, ""]
    if link:
        lines += [f"Xem chi tiết tại: {link}", ""]
    if actor:
        lines += [f"Người gửi: {sender_label(actor, sender_title)}.", ""]
    sender = f" theo đề nghị của đồng chí {_display_name(actor)}" if actor else ""
    lines.append(
        f"Thư này được gửi tự động từ phần mềm Học tập và làm theo Bác{sender}. "
        "Đề nghị đồng chí không trả lời thư này."
    )
    return "\n".join(lines)


def _send_quietly(messages: list[tuple[str, str, str, list[str]]]) -> None:
    # Runs after the commit: a mail server that is down must not undo the in-app
    # notices that are already recorded, nor turn the page into an error.
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:  # noqa: BLE001 - any transport failure is logged, never shown
        logger.exception("Không gửi được %d thư nhắc nhở.", len(messages))


@transaction.atomic
def notice_send(
    *,
    actor,
    users: Iterable[AbstractBaseUser],
    text: str,
    url: str = "",
    subject: str = "",
    base_url: str = "",
    sender_title: str = "",
    tell_actor: bool = False,
) -> int:
    """Give each active user an in-app notice, and e-mail those who have an address.

    The actor is not told of their own action (unless `tell_actor`: a reminder reaches a
    secretary behind on her own month too). `url` is stored as given (a path inside
    the site); the site's address (settings.LAMTHEO_BASE_URL, else `base_url`, e.g.
    "https://lamtheo.example.vn") is put in front of it in e-mails, where a bare path would
    be useless. `sender_title` says who the actor acted as ("Bí thư Chi bộ …", see
    orgs.selectors.role_title). Returns how many people got the notice.
    """
    text = text.strip()[:TEXT_MAX_LENGTH]
    sender = actor if getattr(actor, "is_authenticated", False) else None
    unique = {u.pk: u for u in users if u is not None and u.is_active}
    if sender is not None and not tell_actor:
        unique.pop(sender.pk, None)
    recipients = list(unique.values())
    sender_title = sender_title.strip()[:SENDER_TITLE_MAX_LENGTH] if sender else ""
    Notice.objects.bulk_create(
        [
            Notice(user=u, text=text, url=url, sender=sender, sender_title=sender_title)
            for u in recipients
        ],
        batch_size=500,
    )
    base_url = getattr(settings, "LAMTHEO_BASE_URL", "") or base_url
    link = f"{base_url.rstrip('/')}{url}" if url and base_url else url
    messages = [
        (
            subject or DEFAULT_SUBJECT,
            _mail_body(u, actor=sender, text=text, link=link, sender_title=sender_title),
            settings.DEFAULT_FROM_EMAIL,
            [u.email],
        )
        for u in recipients
        if u.email
    ]
    if messages:
        # Only after the commit: no e-mail about a notice that was rolled back.
        transaction.on_commit(lambda: _send_quietly(messages))
    return len(recipients)


def notices_mark_read(*, user, ids: list[int]) -> int:
    """Mark these notices of `user` as read (another person's ids are ignored); how many."""
    return Notice.objects.filter(user=user, pk__in=ids, read_at__isnull=True).update(
        read_at=timezone.now()
    )
