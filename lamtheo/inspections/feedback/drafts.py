"""A checked report between the form and its check page ("Kiểm tra lại trước khi gửi").

The form step validates everything (the challenge included, which django-simple-captcha answers
once) and stores the file; the check page then carries exactly what will be sent in one hidden
value, signed with django.core.signing (salted, valid for MAX_AGE). The send step verifies the
signature and sends that content, nothing else: no second challenge, nothing read back from the
form. The draft is never kept in the session: an anonymous report from a signed-in member must
leave nothing in the account's session that ties it to the report.

The value is signed, not encrypted: it holds what the sender has just typed, on their own page
(never cached), and the id of the stored file, which no page serves without its report.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from django.core import signing

FIELD = "draft"
SALT = "lamtheo.inspections.feedback.draft"
MAX_AGE = 30 * 60  # seconds
EXPIRED = (
    "Trang kiểm tra đã mở quá 30 phút nên phản ánh chưa được gửi. Vui lòng nhập lại nội dung "
    "và gửi lại."
)
BROKEN = (
    "Nội dung trên trang kiểm tra không còn nguyên vẹn nên phản ánh chưa được gửi. Vui lòng "
    "nhập lại nội dung và gửi lại."
)
OTHER_SENDER = (
    "Trạng thái đăng nhập đã thay đổi sau khi kiểm tra nên phản ánh chưa được gửi. Vui lòng "
    "nhập lại nội dung và gửi lại."
)


class DraftError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Draft:
    """The cleaned values of the form (already normalized by services.feedback_check)."""

    unit_code: str
    what: str
    happened_on: date
    person_code: str = ""
    person_named: str = ""
    anonymous: bool = False
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    attachment_id: int | None = None
    form_token: str = ""
    # The account that checked a named report; None for a visitor and for an anonymous one
    # (nothing in an anonymous draft points to an account).
    sender_id: int | None = None


def sender_id_for(user, *, anonymous: bool) -> int | None:
    return None if anonymous or not getattr(user, "is_authenticated", False) else user.pk


def sign(draft: Draft) -> str:
    payload = asdict(draft) | {"happened_on": draft.happened_on.isoformat()}
    return signing.dumps(payload, salt=SALT, compress=True)


def read(value: str, *, unit_code: str, user) -> Draft:
    """The draft signed on the check page of this unit, for this sender; DraftError (with the
    message to show) when it is missing, altered, expired or checked under another account."""
    try:
        payload = signing.loads(value or "", salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as error:
        raise DraftError(EXPIRED) from error
    except signing.BadSignature as error:
        raise DraftError(BROKEN) from error
    try:
        draft = Draft(**(payload | {"happened_on": date.fromisoformat(payload["happened_on"])}))
    except (TypeError, KeyError, ValueError) as error:  # signed by an older layout
        raise DraftError(BROKEN) from error
    if draft.unit_code != unit_code:
        raise DraftError(BROKEN)
    if draft.sender_id != sender_id_for(user, anonymous=draft.anonymous):
        raise DraftError(OTHER_SENDER)
    return draft


def initial(draft: Draft) -> dict:
    """The form's values when the sender goes back to change them ("Sửa lại")."""
    fields = ("what", "happened_on", "person_code", "person_named", "anonymous",
              "contact_name", "contact_phone", "contact_email")  # fmt: skip
    return {name: getattr(draft, name) for name in fields}
