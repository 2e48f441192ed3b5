from __future__ import annotations

from django.urls import reverse

from lamtheo.orgs.models import RoleKind
from lamtheo.orgs.services import role_grant
from lamtheo.tests.helpers import make_user

HOME = reverse("dashboard:home")


def test_it_sends_a_user_with_one_unit_to_that_units_dashboard(tree, login):
    response = login(tree.committee_user).get(HOME)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:unit", args=["DBSA"])


def test_a_role_inside_a_wider_role_does_not_add_a_choice(tree, login):
    role_grant(actor=None, user=tree.propaganda_user, unit=tree.org, kind=RoleKind.COMMITTEE)
    response = login(tree.propaganda_user).get(HOME)
    assert response["Location"] == reverse("dashboard:unit", args=["DBK"])


def test_it_offers_a_choice_when_the_user_follows_several_units(tree, login):
    user = make_user("hai-noi", "Tạ Văn Hai")
    role_grant(actor=None, user=user, unit=tree.org, kind=RoleKind.COMMITTEE)
    role_grant(actor=None, user=user, unit=tree.cell_b, kind=RoleKind.DEPUTY)
    response = login(user).get(HOME)
    assert response.status_code == 200
    assert [u.code for u in response.context["units"]] == ["DBSA", "CBB"]
    assert reverse("dashboard:unit", args=["CBB"]) in response.content.decode()


def test_a_member_without_a_role_gets_404(tree, login):
    assert login(tree.member_user).get(HOME).status_code == 404
    assert login(tree.outsider.user).get(HOME).status_code == 404
