"""The one write the dashboards make: reminding the people behind a rate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import QuerySet

from lamtheo.core.errors import DomainError
from lamtheo.core.notices import notice_send, refuse_repeat
from lamtheo.dashboard.selectors import Listing
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, can
from lamtheo.people.models import Person

# One click reminds at most this many people: beyond that the mail queue of a request
# grows too long, and a reminder to a whole province is better sent unit by unit.
REMIND_LIMIT = 3000


@dataclass
class Reminder:
    reminded: int  # people who got an in-app notice (and an e-mail, if they have an address)
    without_account: list[Person]  # to be reminded in person by their cell's secretary


@transaction.atomic
def reminder_send(
    *,
    actor,
    unit: OrgUnit,
    listing: Listing,
    month: date,
    people: QuerySet[Person],
    url: str,
    base_url: str = "",
    confirmed: bool = False,
) -> Reminder:
    if not can(actor, Capability.REMIND, unit):
        raise DomainError("Đồng chí không có quyền gửi nhắc nhở trong đơn vị này.")
    chosen = list(people.select_related("user")[: REMIND_LIMIT + 1])
    if not chosen:
        raise DomainError("Danh sách không còn ai cần nhắc nhở.")
    if len(chosen) > REMIND_LIMIT:
        raise DomainError(
            f"Danh sách có hơn {REMIND_LIMIT:,} người, quá nhiều để nhắc nhở một lần. ".replace(
                ",", "."
            )
            + "Đề nghị đồng chí mở danh sách của từng đơn vị trực thuộc và nhắc nhở theo "
            "từng đơn vị."
        )
    with_account = [p for p in chosen if p.user is not None and p.user.is_active]
    text = listing.reminder_text(month)
    refuse_repeat(users=[p.user_id for p in with_account], text=text, confirmed=confirmed)
    heading = listing.heading(month)
    # Only the first letter is lowered: "Bác" keeps its capital.
    subject = f"Nhắc nhở: {heading[:1].lower()}{heading[1:]}"
    reminded = notice_send(
        actor=actor,
        users=[p.user for p in with_account],
        text=text,
        url=url,
        subject=subject,
        base_url=base_url,
        tell_actor=True,  # a secretary behind on her own month is reminded as well
    )
    accounts = {p.pk for p in with_account}
    return Reminder(reminded, [p for p in chosen if p.pk not in accounts])
