"""Where a report goes (orgs.scope.feedback_route) and who reads it: the commission of the
nearest level above the unit concerned that has one, else that level's committee; never
anyone of the unit concerned, even one who also sits on the level above."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from lamtheo.core.errors import DomainError
from lamtheo.core.models import Notice
from lamtheo.inspections.feedback import selectors
from lamtheo.inspections.feedback.models import FeedbackHandler
from lamtheo.inspections.tests.helpers import a_report
from lamtheo.orgs.models import RoleKind
from lamtheo.orgs.scope import Capability, feedback_route
from lamtheo.orgs.services import role_grant
from lamtheo.tests.helpers import make_user, sign_in


def _inspector(unit, username: str, user=None) -> User:
    user = user or make_user(username, f"Kiểm tra {username}")
    role_grant(actor=None, user=user, unit=unit, kind=RoleKind.INSPECTOR)
    return User.objects.get(pk=user.pk)  # fresh: no grants cached from before


def _fresh(user) -> User:
    return User.objects.get(pk=user.pk)


def test_without_any_commission_it_goes_to_the_committee_of_the_level_above(tree):
    assert feedback_route(tree.cell) == (tree.org, Capability.HANDLE_FEEDBACK_AS_COMMITTEE)
    report, _ = a_report(tree.cell)
    assert report.routed_to == tree.org
    assert report.handler == FeedbackHandler.COMMITTEE
    assert selectors.can_handle(_fresh(tree.committee_user), report)


def test_it_goes_to_the_nearest_level_above_with_a_commission(tree):
    _inspector(tree.bloc, "ktkhoi")
    assert feedback_route(tree.cell) == (tree.bloc, Capability.HANDLE_FEEDBACK)
    _inspector(tree.org, "ktsa")
    assert feedback_route(tree.cell) == (tree.org, Capability.HANDLE_FEEDBACK)
    assert feedback_route(tree.org) == (tree.bloc, Capability.HANDLE_FEEDBACK)


def test_a_commission_on_the_unit_concerned_itself_is_never_the_receiver(tree):
    _inspector(tree.cell, "ktchibo")
    assert feedback_route(tree.cell)[0] == tree.org
    report, _ = a_report(tree.cell)
    assert report.routed_to != report.unit


def test_an_inspector_who_is_a_member_of_the_unit_concerned_is_passed_over(tree):
    # The Sở's only inspector sits in Chi bộ 1: reports about Chi bộ 1 go to the bloc's
    # commission; reports about Chi bộ 2 still come to him.
    _inspector(tree.org, "", user=tree.member_user)
    _inspector(tree.bloc, "ktkhoi")
    assert feedback_route(tree.cell) == (tree.bloc, Capability.HANDLE_FEEDBACK)
    assert feedback_route(tree.cell2) == (tree.org, Capability.HANDLE_FEEDBACK)


def test_the_units_secretary_on_the_commission_above_never_reads_reports_about_her_unit(
    tree, client
):
    secretary = _inspector(tree.org, "", user=tree.secretary_user)
    other = _inspector(tree.org, "ktsa")
    report, _ = a_report(tree.cell)
    assert report.routed_to == tree.org and report.handler == FeedbackHandler.COMMISSION
    assert selectors.can_handle(other, report)
    assert not selectors.can_handle(secretary, report)
    assert report not in selectors.queue(secretary)
    assert report in selectors.queue(other)
    sign_in(client, secretary)
    assert client.get(reverse("inspections:feedback_report", args=[report.pk])).status_code == 404
    assert report.reference not in client.get(reverse("inspections:feedback_queue")).text
    # Nor is she told of it.
    assert not Notice.objects.filter(user=secretary).exists()
    assert Notice.objects.filter(user=other, text__contains=report.reference).exists()


def test_the_unit_concerned_and_its_people_are_never_told_nor_can_read(tree, client):
    report, _ = a_report(tree.cell)
    for user in (tree.secretary_user, tree.member_user):
        assert not selectors.can_handle(_fresh(user), report)
        assert not Notice.objects.filter(user=user).exists()
        sign_in(client, user)
        url = reverse("inspections:feedback_report", args=[report.pk])
        assert client.get(url).status_code == 404


def test_a_committee_does_not_read_reports_routed_to_its_commission(tree):
    _inspector(tree.org, "ktsa")
    report, _ = a_report(tree.cell)
    assert report.handler == FeedbackHandler.COMMISSION
    assert not selectors.can_handle(_fresh(tree.committee_user), report)


def test_a_level_above_does_not_read_what_the_level_below_receives(tree):
    bloc_inspector = _inspector(tree.bloc, "ktkhoi")
    _inspector(tree.org, "ktsa")
    report, _ = a_report(tree.cell)
    assert report.routed_to == tree.org
    assert not selectors.can_handle(bloc_inspector, report)


def test_nothing_is_above_the_root_so_nothing_can_be_sent_about_it(tree, client):
    assert feedback_route(tree.bloc) is None
    with pytest.raises(DomainError):
        a_report(tree.bloc)
    assert client.get(reverse("feedback:send", args=[tree.bloc.code])).status_code == 404
