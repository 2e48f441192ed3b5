from __future__ import annotations

import pytest

from lamtheo.campaign.models import Manifestation, ManifestationGroup, Topic, TopicKind
from lamtheo.campaign.preload import MANIFESTATIONS
from lamtheo.campaign.selectors import topic_for


@pytest.mark.django_db
def test_the_central_topics_of_2016_to_2022_are_preloaded_verbatim():
    central = {(t.year, t.kind): t for t in Topic.objects.filter(unit=None, year__lte=2022)}
    assert central[(2016, TopicKind.ANNUAL)].title == (
        "Những nội dung cơ bản của tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    )
    assert central[(2019, TopicKind.ANNUAL)].title.startswith(
        "Xây dựng ý thức tôn trọng nhân dân, phát huy dân chủ"
    )
    term = central[(2021, TopicKind.TERM)]
    assert (term.year, term.year_end) == (2021, 2025)
    assert term.title.endswith("khát vọng phát triển đất nước phồn vinh, hạnh phúc")
    assert central[(2021, TopicKind.ANNUAL)].title == term.title
    assert {y for y, _ in central} == set(range(2016, 2023))


@pytest.mark.django_db
def test_the_whole_term_topic_applies_in_a_year_without_an_annual_one():
    assert topic_for(unit=None, year=2024).kind == TopicKind.TERM


@pytest.mark.django_db
def test_the_27_manifestations_are_preloaded_nine_per_group():
    assert Manifestation.objects.count() == 27
    for group in ManifestationGroup.values:
        numbers = list(Manifestation.objects.filter(group=group).values_list("number", flat=True))
        assert numbers == list(range(1, 10))
    assert all(len(labels) == 9 for labels in MANIFESTATIONS.values())
    assert Manifestation.objects.get(group="b", number=5).code == "b5"
