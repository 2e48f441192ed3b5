from __future__ import annotations

import pytest

from lamtheo.core.errors import DomainError
from lamtheo.core.models import Notice
from lamtheo.dashboard import services
from lamtheo.dashboard.selectors import LISTINGS, listing_people
from lamtheo.dashboard.tests.helpers import MARCH

NOT_SUBMITTED = LISTINGS["chua-nop"]


def send(tree, actor, unit):
    return services.reminder_send(
        actor=actor,
        unit=unit,
        listing=NOT_SUBMITTED,
        month=MARCH,
        people=listing_people(unit, NOT_SUBMITTED, MARCH),
        url="/",
    )


def test_it_reminds_people_with_an_account_and_returns_the_others(played):
    result = send(played, played.secretary_user, played.cell)
    # In Chi bộ Phòng 1, Bình (returned) and Dũng (nothing, no account) have not submitted.
    assert result.reminded == 1
    assert list(Notice.objects.values_list("user__username", flat=True)) == ["dv002"]
    assert [p.full_name for p in result.without_account] == ["Phạm Văn Dũng"]


def test_it_skips_people_whose_account_is_disabled(played):
    played.secretary_user.is_active = False
    played.secretary_user.save()
    result = send(played, played.committee_user, played.org)
    assert set(Notice.objects.values_list("user__username", flat=True)) == {"dv003"}
    assert {p.full_name for p in result.without_account} == {"Trần Thị Bình", "Phạm Văn Dũng"}


def test_it_refuses_an_actor_without_the_right_to_remind(played):
    with pytest.raises(DomainError, match="không có quyền"):
        send(played, played.member_user, played.cell)
    with pytest.raises(DomainError):
        send(played, played.committee_user, played.cell_b)
    assert not Notice.objects.exists()


def test_it_refuses_a_list_too_long_for_one_click(played, monkeypatch):
    monkeypatch.setattr(services, "REMIND_LIMIT", 2)
    with pytest.raises(DomainError, match="từng đơn vị"):
        send(played, played.propaganda_user, played.bloc)
    assert not Notice.objects.exists()
