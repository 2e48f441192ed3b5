from __future__ import annotations

import pytest

from lamtheo.campaign import services
from lamtheo.campaign.models import Topic, TopicKind, TopicMaterial
from lamtheo.campaign.tests.helpers import pdf
from lamtheo.core.errors import DomainError, StaleRecord


def _create(actor, unit, year=2026, **kw):
    return services.topic_create(
        actor=actor,
        unit=unit,
        kind=kw.pop("kind", TopicKind.ANNUAL),
        year=year,
        title=kw.pop("title", "Chuyên đề"),
        **kw,
    )


def test_a_propaganda_officer_creates_the_blocs_topic_with_its_history(tree):
    t = _create(tree.propaganda_user, tree.bloc, summary="Tóm tắt")
    assert t.unit == tree.bloc and t.summary == "Tóm tắt"
    record = t.history.get()
    assert record.history_user == tree.propaganda_user
    assert record.history_change_reason == "Tạo chuyên đề"


def test_it_refuses_a_topic_outside_the_actors_subtree(tree):
    with pytest.raises(DomainError, match="không có quyền"):
        _create(tree.committee_user, tree.bloc)
    with pytest.raises(DomainError, match="không có quyền"):
        _create(tree.secretary_user, tree.cell)
    with pytest.raises(DomainError, match="không có quyền"):
        _create(tree.member_user, tree.cell)


def test_it_refuses_a_second_topic_of_the_same_kind_and_year_for_a_unit(tree):
    _create(tree.committee_user, tree.org)
    with pytest.raises(DomainError, match="đã có chuyên đề hằng năm năm 2026"):
        _create(tree.propaganda_user, tree.org)


def test_a_whole_term_topic_needs_its_last_year(tree):
    with pytest.raises(DomainError, match="năm kết thúc"):
        _create(tree.propaganda_user, tree.bloc, kind=TopicKind.TERM)
    t = _create(tree.propaganda_user, tree.bloc, kind=TopicKind.TERM, year_end=2030)
    assert t.years_label == "2026–2030"


def test_an_edit_on_a_stale_version_is_refused(tree):
    t = _create(tree.propaganda_user, tree.bloc)
    services.topic_update(
        actor=tree.propaganda_user, topic=t, title="Tên mới", summary="", version=1
    )
    stale = Topic.objects.get(pk=t.pk)
    stale.version = 1
    with pytest.raises(StaleRecord):
        services.topic_update(
            actor=tree.propaganda_user, topic=stale, title="Ghi đè", summary="", version=1
        )
    assert Topic.objects.get(pk=t.pk).title == "Tên mới"
    assert t.history.first().history_change_reason == "Sửa chuyên đề"


def test_materials_are_added_and_removed_with_their_history(tree):
    t = _create(tree.committee_user, tree.org)
    m = services.material_add(actor=tree.committee_user, topic=t, title="", file=pdf("kh.pdf"))
    assert m.title == "kh.pdf" and m.file.content_type == "application/pdf"
    with pytest.raises(DomainError):
        services.material_remove(actor=tree.other_secretary_user, material=m)
    pk = m.pk
    services.material_remove(actor=tree.propaganda_user, material=m)
    assert not TopicMaterial.objects.exists()
    reasons = list(
        TopicMaterial.history.filter(id=pk).values_list("history_change_reason", flat=True)
    )
    assert sorted(reasons) == ["Gỡ tài liệu học tập", "Thêm tài liệu học tập"]


def test_the_summary_keeps_its_line_breaks_and_is_normalized(tree):
    nfd = "Nội dung chính:\n1.  Tư tưởng\n2. Tấm gương"
    import unicodedata

    t = _create(tree.propaganda_user, tree.bloc, summary=unicodedata.normalize("NFD", nfd))
    assert t.summary == "Nội dung chính:\n1. Tư tưởng\n2. Tấm gương"
