"""One-time form tokens: each create form carries a hidden `form_token` (a fresh uuid4
when the page is drawn); the first post with it creates the record and remembers it
(core.models.SubmittedForm), a second post with the same token — a double click, the
browser's back button and resend — answers with the record already created.

    obj, created = form_tokens.once(user=request.user, token=request.POST.get(FIELD),
                                    create=lambda: service(...))
    if not created:
        messages.info(request, ALREADY)

A post without a valid token (an old page, a script) simply creates, as before.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from lamtheo.core.models import SubmittedForm

FIELD = "form_token"
ALREADY = "Đã ghi nhận từ lần gửi trước; không tạo thêm bản ghi mới."

M = TypeVar("M", bound=models.Model)


def new_token() -> str:
    return str(uuid.uuid4())


def parse(token) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(token)) if token else None
    except (ValueError, AttributeError):
        return None


def previous(*, user, token) -> models.Model | None:
    """The record an earlier post of this token by this user created, if it still exists."""
    token = parse(token)
    if token is None or not getattr(user, "pk", None):
        return None
    done = SubmittedForm.objects.filter(user=user, token=token).first()
    if done is None:
        return None
    model = done.content_type.model_class()
    found = model._default_manager.filter(pk=done.object_id).first() if model else None
    if found is None:
        done.delete()  # the record was deleted since (e.g. cancelled): the form may create again
    return found


def once(*, user, token, create: Callable[[], M]) -> tuple[M, bool]:
    """Create with `create()` unless this token was already used; (record, created)."""
    parsed = parse(token)
    if parsed is None or not getattr(user, "pk", None):
        return create(), True
    prior = previous(user=user, token=parsed)
    if prior is not None:
        return prior, False
    try:
        with transaction.atomic():
            obj = create()
            # Two posts at the same moment: the second waits on the unique (user, token)
            # and fails here, undoing its own record; it then answers with the first one.
            SubmittedForm.objects.create(
                token=parsed,
                user=user,
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
            )
    except IntegrityError:
        prior = previous(user=user, token=parsed)
        if prior is None:
            raise
        return prior, False
    return obj, True


def token_for(request) -> str:
    """The token to draw in a create form: the one just posted (the form is shown again
    with its errors, nothing was created) or a fresh one."""
    posted = request.POST.get(FIELD) if request.method == "POST" else None
    return str(parse(posted) or new_token())


def already(request) -> models.Model | None:
    """On a post, the record an earlier post of the same form created (checked before the
    form is validated: the second post may no longer be valid, e.g. "already recorded")."""
    if request.method != "POST":
        return None
    return previous(user=request.user, token=request.POST.get(FIELD))
