from __future__ import annotations

import pytest

from lamtheo.core import form_tokens
from lamtheo.core.models import Notice, SubmittedForm
from lamtheo.tests.helpers import make_user

pytestmark = pytest.mark.django_db


def _create(user):
    return lambda: Notice.objects.create(user=user, text="Một bản ghi")


def test_the_same_token_ten_times_creates_once_and_answers_with_the_first_record():
    user = make_user("u1")
    token = form_tokens.new_token()
    answers = [form_tokens.once(user=user, token=token, create=_create(user)) for _ in range(10)]
    first = Notice.objects.get()
    assert answers[0] == (first, True)
    assert all(a == (first, False) for a in answers[1:])
    assert form_tokens.previous(user=user, token=token) == first


def test_another_users_token_and_a_post_without_a_token_create():
    user, other = make_user("u1"), make_user("u2")
    token = form_tokens.new_token()
    form_tokens.once(user=user, token=token, create=_create(user))
    _obj, created = form_tokens.once(user=other, token=token, create=_create(other))
    assert created
    for bad in (None, "", "không-phải-uuid"):
        assert form_tokens.once(user=user, token=bad, create=_create(user))[1]
    assert Notice.objects.count() == 5


def test_a_record_deleted_since_lets_the_form_create_again():
    user = make_user("u1")
    token = form_tokens.new_token()
    obj, _ = form_tokens.once(user=user, token=token, create=_create(user))
    obj.delete()
    again, created = form_tokens.once(user=user, token=token, create=_create(user))
    assert created and again.pk != obj.pk
    assert SubmittedForm.objects.get().object_id == again.pk
