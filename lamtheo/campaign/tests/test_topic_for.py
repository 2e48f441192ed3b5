from __future__ import annotations

from lamtheo.campaign.models import Campaign, Topic, TopicKind
from lamtheo.campaign.selectors import topic_for, topics_in_reach

YEAR = 2030  # no preloaded topic: only this file's


def _topic(unit, title, kind=TopicKind.ANNUAL, year=YEAR, year_end=None):
    return Topic.objects.create(
        campaign=Campaign.objects.first(),
        unit=unit,
        kind=kind,
        year=year,
        year_end=year_end,
        title=title,
    )


def test_it_returns_the_nearest_topic_up_the_tree(tree):
    central = _topic(None, "Trung ương")
    bloc = _topic(tree.bloc, "Khối")
    assert topic_for(unit=tree.cell, year=YEAR) == bloc
    org = _topic(tree.org, "Sở A")
    assert topic_for(unit=tree.cell, year=YEAR) == org
    assert topic_for(unit=tree.cell_b, year=YEAR) == bloc
    assert topic_for(unit=None, year=YEAR) == central


def test_an_annual_topic_wins_over_a_whole_term_topic_of_a_nearer_unit(tree):
    annual = _topic(None, "Năm")
    _topic(tree.org, "Toàn khóa", kind=TopicKind.TERM, year=YEAR - 1, year_end=YEAR + 3)
    assert topic_for(unit=tree.cell, year=YEAR) == annual
    assert topic_for(unit=tree.cell, year=YEAR + 1).title == "Toàn khóa"


def test_a_units_topic_is_out_of_reach_of_a_sibling_subtree(tree):
    org = _topic(tree.org, "Sở A")
    assert topics_in_reach(tree.member_user).filter(pk=org.pk).exists()
    assert topics_in_reach(tree.committee_user).filter(pk=org.pk).exists()
    assert topics_in_reach(tree.propaganda_user).filter(pk=org.pk).exists()
    assert not topics_in_reach(tree.other_secretary_user).filter(pk=org.pk).exists()
