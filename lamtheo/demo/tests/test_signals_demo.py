from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from lamtheo.demo.build import load_demo
from lamtheo.demo.plan import Size
from lamtheo.inspections.signals.models import Signal, SignalKind
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.tree import subtree_q

SMALL = Size(orgs=2, cells_per_org=6, people_per_cell=9)


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_demo_committee_finds_every_kind_of_planted_formalism(db):
    load_demo(size=SMALL)
    capuy = User.objects.get(username="capuy")
    org = OrgUnit.objects.get(roles__user=capuy, roles__kind="committee")
    found = set(Signal.objects.filter(subtree_q(org.path)).values_list("kind", flat=True))
    assert found == set(SignalKind.values)
    # Never in the demo secretary's own cell: her pages stay as the other demos describe.
    bithu_cell = User.objects.get(username="bithu").person.cell
    assert not Signal.objects.filter(unit=bithu_cell).exclude(kind=SignalKind.VAGUE_SHARE).exists()
