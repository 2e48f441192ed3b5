"""Writes about people: creating them, their profile, moving them between cells, exempting
them, their leaving and return. Every write is tagged for the audit trail; a change to the
people of a cell tells the figures registry (core.figures) in the same transaction."""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from lamtheo.core import figures
from lamtheo.core.audit import bump_version, tag
from lamtheo.core.errors import DomainError
from lamtheo.core.periods import add_months, month_start, move_month_problem, today
from lamtheo.core.vietnamese import fold, name_sort_key, nfc
from lamtheo.orgs.models import OrgUnit
from lamtheo.people.actions import PeopleAction
from lamtheo.people.models import (
    Exemption,
    Leaving,
    LeavingKind,
    Membership,
    MemberStatus,
    Person,
)
from lamtheo.people.phones import phone_key
from lamtheo.people.selectors import phone_holder

logger = logging.getLogger(__name__)


def person_name_keys(full_name: str) -> dict[str, str]:
    name = nfc(full_name)
    return {"full_name": name, "sort_key": name_sort_key(name), "search_key": fold(name)}


@transaction.atomic
def person_create(
    *, actor, code: str, full_name: str, status: str, cell: OrgUnit, start_month: date, **fields
) -> Person:
    if not cell.is_cell:
        raise DomainError("Chỉ có thể xếp cán bộ, đảng viên vào một chi bộ.", "cell")
    start_month = month_start(start_month)
    person = Person(
        code=code.strip(), status=status, cell=cell, **person_name_keys(full_name), **fields
    )
    tag(person, actor=actor, action=PeopleAction.PERSON_CREATED, reason="Thêm cán bộ, đảng viên")
    person.save()
    membership = Membership(person=person, unit=cell, start_month=start_month)
    tag(
        membership,
        actor=actor,
        action=PeopleAction.MEMBERSHIP_STARTED,
        reason="Bắt đầu sinh hoạt tại chi bộ",
    )
    membership.save()
    figures.people_changed(cell=cell, from_month=start_month)
    return person


@transaction.atomic
def person_transfer(
    *, actor, person: Person, to_cell: OrgUnit, month: date, version: int | None = None
) -> None:
    """Move a person to another cell from `month` on: earlier months stay counted in the old
    cell, this month and later ones in the new cell. With `version` (a page's), refused when
    the person was changed since the page was built."""
    month = month_start(month)
    if not to_cell.is_cell:
        raise DomainError("Chỉ có thể chuyển sinh hoạt đến một chi bộ.", "to_cell")
    if problem := move_month_problem(month, what="Tháng chuyển sinh hoạt"):
        raise DomainError(problem, "month")
    if version is not None:
        bump_version(person, version)
    current = (
        Membership.objects.select_for_update().filter(person=person, end_month__isnull=True).first()
    )
    if current is None or current.unit_id == to_cell.pk:
        raise DomainError("Đồng chí này đang không sinh hoạt ở chi bộ nào khác để chuyển đi.")
    if month <= current.start_month:
        raise DomainError("Tháng chuyển sinh hoạt phải sau tháng bắt đầu ở chi bộ hiện tại.")
    old_cell = current.unit
    current.end_month = month
    tag(
        current,
        actor=actor,
        action=PeopleAction.MEMBERSHIP_TRANSFERRED_OUT,
        reason=f"Chuyển sinh hoạt đến {to_cell.name}",
    )
    current.save()
    new = Membership(person=person, unit=to_cell, start_month=month)
    tag(
        new,
        actor=actor,
        action=PeopleAction.MEMBERSHIP_TRANSFERRED_IN,
        reason=f"Chuyển sinh hoạt từ {old_cell.name}",
    )
    new.save()
    Person.objects.filter(pk=person.pk).update(cell=to_cell)
    person.cell = to_cell
    figures.people_changed_in(cells={old_cell: month, to_cell: month})


@transaction.atomic
def person_exempt(
    *,
    actor,
    person: Person,
    start_month: date,
    reason: str,
    end_month: date | None = None,
    version: int | None = None,
) -> Exemption:
    """Miễn công tác và sinh hoạt đảng for the months [start_month, end_month) (no end: until
    it is ended). Refused when it overlaps another exemption of the person."""
    start_month = month_start(start_month)
    end_month = month_start(end_month) if end_month else None
    if problem := move_month_problem(start_month, what="Tháng bắt đầu được miễn"):
        raise DomainError(problem, "start_month")
    if end_month is not None and end_month <= start_month:
        raise DomainError("Tháng kết thúc phải sau tháng bắt đầu được miễn.", "end_month")
    if end_month is not None and end_month.year > today().year + 10:
        raise DomainError(
            f"Tháng kết thúc không được sau năm {today().year + 10}; vui lòng kiểm tra lại năm.",
            "end_month",
        )
    if version is not None:
        bump_version(person, version)
    far = date(9999, 12, 1)
    if (
        Exemption.objects.select_for_update()
        .filter(person=person)
        .overlapping(start_month, add_months(end_month, -1) if end_month else far)
        .exists()
    ):
        raise DomainError(
            "Đồng chí này đã được miễn công tác và sinh hoạt đảng trong một phần thời gian "
            "này. Vui lòng kết thúc đợt miễn trước hoặc chọn thời gian khác.",
            "start_month",
        )
    exemption = Exemption(
        person=person, start_month=start_month, end_month=end_month, reason=reason
    )
    tag(
        exemption,
        actor=actor,
        action=PeopleAction.EXEMPTION_GRANTED,
        reason="Miễn công tác và sinh hoạt đảng",
    )
    exemption.save()
    # Every cell the person belonged to from the exemption's start on loses them as expected.
    spans = Membership.objects.filter(person=person).exclude(end_month__lte=exemption.start_month)
    cells = OrgUnit.objects.filter(pk__in=spans.values("unit_id"))
    figures.people_changed_in(cells=dict.fromkeys(cells, exemption.start_month))
    return exemption


@transaction.atomic
def exemption_end(*, actor, exemption: Exemption, end_month: date, version: int) -> Exemption:
    """End an exemption: from `end_month` on the person is expected again."""
    end_month = month_start(end_month)
    person = exemption.person
    bump_version(person, version)
    exemption = Exemption.objects.select_for_update().get(pk=exemption.pk)
    if end_month <= exemption.start_month:
        raise DomainError(
            f"Tháng kết thúc phải sau tháng bắt đầu được miễn ({exemption.start_month:%m/%Y}).",
            "end_month",
        )
    if exemption.end_month is not None and end_month >= exemption.end_month:
        raise DomainError(
            f"Đợt miễn này đã kết thúc trước tháng {exemption.end_month:%m/%Y}.", "end_month"
        )
    earliest = min(end_month, exemption.end_month or end_month)
    exemption.end_month = end_month
    tag(
        exemption,
        actor=actor,
        action=PeopleAction.EXEMPTION_ENDED,
        reason=f"Kết thúc miễn công tác và sinh hoạt đảng từ tháng {end_month:%m/%Y}",
    )
    exemption.save()
    spans = Membership.objects.filter(person=person).exclude(end_month__lte=earliest)
    cells = OrgUnit.objects.filter(pk__in=spans.values("unit_id"))
    figures.people_changed_in(cells=dict.fromkeys(cells, earliest))
    return exemption


# --- the profile --------------------------------------------------------------------------

CONTACT_FIELDS = ("phone", "email")
PARTY_FIELDS = (
    "full_name",
    "birth_date",
    "gender",
    "status",
    "duty",
    "joined_on",
    "full_member_on",
    "party_card_number",
    "citizen_id",
)


def username_for(person: Person) -> str:
    """The log-in name of a person's account: their code, lower-cased."""
    return person.code.strip().lower()


@transaction.atomic
def person_user_create(*, actor, person: Person, reason: str = "") -> User:
    """The User record of a person's account, made without a usable password: it opens
    nothing until lamtheo.accounts issues a one-time code, but a role can be given to it.
    The log-in name is the person's code, lower-cased; the e-mail is copied."""
    if person.user_id is not None:
        raise DomainError(f"Đồng chí {person.full_name} đã có tài khoản.")
    username = username_for(person)
    if User.objects.filter(username=username).exists():
        raise DomainError(
            f"Tên đăng nhập “{username}” đã có người dùng khác mang; vui lòng kiểm tra lại mã "
            f"định danh của đồng chí {person.full_name}."
        )
    user = User(username=username, first_name=person.full_name, email=person.email)
    user.set_unusable_password()
    user.save()
    person.user = user
    tag(
        person,
        actor=actor,
        action=PeopleAction.PERSON_USER_CREATED,
        reason=reason or PeopleAction.PERSON_USER_CREATED.label,
    )
    person.save(update_fields=["user"])
    return user


@transaction.atomic
def person_update_contact(*, actor, person: Person, version: int, phone: str, email: str) -> None:
    """The person's own contact details (or their cell's, for a member without a device).
    A phone number another person holds is refused: the log-in by phone would match neither.
    When the e-mail of someone with an account changes, the old address hears of it (a
    password reset goes to the new one: a change they did not make must not go unnoticed)."""
    if phone_key(phone) and phone_key(phone) != phone_key(person.phone):
        holder = phone_holder(phone, other_than=person)
        if holder is not None:
            raise DomainError(
                f"Số điện thoại {phone.strip()} đã là số của người khác trong hệ thống. Mỗi "
                "người dùng một số riêng (số này còn dùng để đăng nhập); vui lòng kiểm tra lại "
                "hoặc để trống.",
                field="phone",
            )
    old_email = Person.objects.filter(pk=person.pk).values_list("email", flat=True).first() or ""
    bump_version(person, version)
    person.phone, person.email = phone.strip(), email.strip()
    tag(
        person,
        actor=actor,
        action=PeopleAction.PERSON_CONTACT_CHANGED,
        reason="Sửa điện thoại, thư điện tử",
    )
    person.save(update_fields=[*CONTACT_FIELDS])
    if person.user_id:
        # The account's address follows the person's: a reset link must not go on reaching
        # an address the person has given up.
        User.objects.filter(pk=person.user_id).update(email=person.email)
    if person.user_id and old_email and old_email.casefold() != person.email.casefold():
        notice = _email_changed_notice(person, old_email, actor)
        transaction.on_commit(lambda: _send_quietly(notice))


def _email_changed_notice(person: Person, old_email: str, actor) -> EmailMessage:
    if actor is None:
        by = "quản trị hệ thống"
    elif actor.pk == person.user_id:
        by = "chính đồng chí"
    else:
        by = actor.get_full_name() or actor.username
    body = "\n".join([
        f"Kính gửi đồng chí {person.full_name},",
        "",
        "Địa chỉ thư điện tử gắn với tài khoản của đồng chí trên phần mềm Học tập và làm theo "
        f"Bác vừa được đổi từ {old_email} sang {person.email or '(để trống)'} "
        f"(người sửa: {by}), lúc {timezone.localtime():%H:%M ngày %d/%m/%Y}.",
        "",
        "Nếu đồng chí không đề nghị việc này, đề nghị đồng chí báo ngay cho bí thư chi bộ hoặc "
        "quản trị viên: thư đặt lại mật khẩu từ nay được gửi tới địa chỉ mới.",
        "",
        "Thư này được gửi tự động; đề nghị đồng chí không trả lời thư này.",
    ])  # fmt: skip
    return EmailMessage(
        subject="Địa chỉ thư điện tử của tài khoản vừa được đổi",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[old_email],
    )


def _send_quietly(message: EmailMessage) -> None:
    """After the commit; a mail server that is down leaves a line in the log."""
    try:
        message.send()
    except Exception:  # noqa: BLE001 - any transport failure is logged, never shown
        logger.exception("Không gửi được thư báo đổi địa chỉ thư điện tử.")


def check_party_data(values: dict, *, on: date | None = None) -> None:
    """The rules of the party data, each said in Vietnamese with its field (the database's
    constraints hold the same, as the last word)."""
    on = on or today()
    born, joined, full = (
        values.get("birth_date"),
        values.get("joined_on"),
        values.get("full_member_on"),
    )
    status = values.get("status")
    for field, d, what in (
        ("birth_date", born, "Ngày sinh"),
        ("joined_on", joined, "Ngày vào Đảng"),
        ("full_member_on", full, "Ngày chính thức"),
    ):
        if d is not None and d > on:
            raise DomainError(f"{what} không thể sau ngày hôm nay.", field)
    if joined and born and joined <= born:
        raise DomainError("Ngày vào Đảng phải sau ngày sinh.", "joined_on")
    if full and not joined:
        raise DomainError("Vui lòng nhập ngày vào Đảng trước ngày chính thức.", "joined_on")
    if full and joined and full <= joined:
        raise DomainError("Ngày chính thức phải sau ngày vào Đảng.", "full_member_on")
    if status == MemberStatus.PROBATIONARY and full:
        raise DomainError(
            "Đảng viên dự bị chưa có ngày chính thức: vui lòng bỏ trống ngày chính thức "
            "hoặc chọn tình trạng “Đảng viên chính thức”.",
            "full_member_on",
        )
    if status == MemberStatus.NON_MEMBER and (joined or full or values.get("party_card_number")):
        raise DomainError(
            "Quần chúng chưa có ngày vào Đảng, ngày chính thức hay thẻ đảng viên.", "status"
        )


@transaction.atomic
def person_update_party_data(*, actor, person: Person, version: int, **values) -> None:
    """The party data of the profile, kept by the person's cell secretary or a roster
    manager (views ask orgs.scope for MANAGE_PEOPLE)."""
    unknown = set(values) - set(PARTY_FIELDS)
    if unknown:
        raise TypeError(f"not party data: {sorted(unknown)}")
    values = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    check_party_data({f: getattr(person, f) for f in PARTY_FIELDS} | values)
    for field, label in (("citizen_id", "Số định danh cá nhân"),
                         ("party_card_number", "Số thẻ đảng viên")):  # fmt: skip
        value = values.get(field)
        if value and Person.objects.filter(**{field: value}).exclude(pk=person.pk).exists():
            raise DomainError(f"{label} {value} đã có ở một người khác trong danh sách.", field)
    bump_version(person, version)
    if "full_name" in values:
        values |= person_name_keys(values["full_name"])
    for field, value in values.items():
        setattr(person, field, value)
    tag(
        person,
        actor=actor,
        action=PeopleAction.PERSON_PARTY_DATA_CHANGED,
        reason="Sửa thông tin đảng viên",
    )
    try:
        with transaction.atomic():
            person.save(update_fields=[*values])
    except IntegrityError as e:  # written meanwhile by someone else
        raise DomainError(
            "Số định danh cá nhân hoặc số thẻ đảng viên vừa được ghi cho một người khác. "
            "Vui lòng kiểm tra lại."
        ) from e


# --- leaving and returning ----------------------------------------------------------------

LEAVING_REASONS = {
    LeavingKind.MOVED_OUT: "Chuyển sinh hoạt đến {receiving}",
    LeavingKind.LEFT_PARTY: "Ra khỏi Đảng",
    LeavingKind.DIED: "Từ trần",
}


@transaction.atomic
def person_leave(
    *,
    actor,
    person: Person,
    kind: str,
    month: date,
    version: int,
    receiving_unit: str = "",
    note: str = "",
) -> Leaving:
    """The person leaves the tree from `month` on: moved to a unit outside it (named), left
    the party or died. Their membership closes at `month` (earlier months stay counted in
    their cell), they leave the cell's roster, and their account can no longer log in."""
    kind = LeavingKind(kind)
    month = month_start(month)
    receiving_unit = receiving_unit.strip() if kind == LeavingKind.MOVED_OUT else ""
    if kind == LeavingKind.MOVED_OUT and not receiving_unit:
        raise DomainError("Vui lòng ghi tên tổ chức đảng nơi chuyển đến.", "receiving_unit")
    if problem := move_month_problem(month, what="Tháng ra khỏi Đảng bộ"):
        raise DomainError(problem, "month")
    bump_version(person, version)
    current = (
        Membership.objects.select_for_update().filter(person=person, end_month__isnull=True).first()
    )
    if current is None:
        raise DomainError("Đồng chí này hiện không sinh hoạt ở chi bộ nào trong Đảng bộ.")
    if month <= current.start_month:
        raise DomainError(
            "Tháng có hiệu lực phải sau tháng bắt đầu sinh hoạt ở chi bộ hiện tại "
            f"({current.start_month:%m/%Y}).",
            "month",
        )
    cell = current.unit
    reason = LEAVING_REASONS[kind].format(receiving=receiving_unit)
    current.end_month = month
    tag(current, actor=actor, action=PeopleAction.MEMBERSHIP_ENDED, reason=reason)
    current.save()
    user = person.user
    leaving = Leaving(
        person=person,
        kind=kind,
        month=month,
        from_cell=cell,
        receiving_unit=receiving_unit,
        note=note.strip(),
        account_closed=user is not None and user.is_active,
    )
    tag(leaving, actor=actor, action=PeopleAction.LEAVING_RECORDED, reason=reason)
    leaving.save()
    person.cell = None
    tag(person, actor=actor, action=PeopleAction.PERSON_LEFT, reason=reason)
    person.save(update_fields=["cell"])
    if leaving.account_closed:
        user.is_active = False
        user.save(update_fields=["is_active"])
    figures.people_changed(cell=cell, from_month=month)
    return leaving


@transaction.atomic
def person_return(*, actor, person: Person, cell: OrgUnit, month: date, version: int) -> Membership:
    """A person who moved out of the tree or left the party comes back to `cell` from
    `month` on: a new membership, and their account (if it was closed at their leaving)
    opens again."""
    month = month_start(month)
    if not cell.is_cell:
        raise DomainError("Chỉ có thể xếp cán bộ, đảng viên vào một chi bộ.", "cell")
    bump_version(person, version)
    leaving = (
        Leaving.objects.select_for_update()
        .filter(person=person, returned_month__isnull=True)
        .first()
    )
    if leaving is None:
        raise DomainError("Đồng chí này đang sinh hoạt trong Đảng bộ, không cần ghi nhận trở lại.")
    if leaving.kind == LeavingKind.DIED:
        raise DomainError("Không thể ghi nhận trở lại cho người đã từ trần.")
    if month <= leaving.month:
        raise DomainError(
            f"Tháng trở lại phải sau tháng {leaving.month:%m/%Y} (tháng đã ghi nhận ra đi).",
            "month",
        )
    if problem := move_month_problem(month, what="Tháng trở lại"):
        raise DomainError(problem, "month")
    reason = f"Trở lại sinh hoạt tại {cell.name}"
    leaving.returned_month = month
    tag(leaving, actor=actor, action=PeopleAction.LEAVING_ENDED, reason=reason)
    leaving.save()
    membership = Membership(person=person, unit=cell, start_month=month)
    tag(membership, actor=actor, action=PeopleAction.MEMBERSHIP_STARTED, reason=reason)
    membership.save()
    person.cell = cell
    tag(person, actor=actor, action=PeopleAction.PERSON_RETURNED, reason=reason)
    person.save(update_fields=["cell"])
    user = person.user
    if user is not None and leaving.account_closed and not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    figures.people_changed(cell=cell, from_month=month)
    return membership
