from __future__ import annotations

from datetime import date

from lamtheo.documents import selectors, services
from lamtheo.documents.models import DocType
from lamtheo.documents.tests.helpers import draft, issued


def _on(document, day: date) -> None:
    type(document).objects.filter(pk=document.pk).update(issued_on=day, year=day.year)


def test_it_counts_documents_sent_in_the_subtree_by_type_and_period(tree):
    year = 2025
    a = issued(tree.propaganda_user, tree.bloc, [tree.org], "1-KH/ĐUK")
    b = issued(tree.propaganda_user, tree.bloc, [tree.org], "2-KH/ĐUK")
    c = issued(tree.committee_user, tree.org, [tree.cell], "3-CV/ĐU", doc_type=DocType.LETTER)
    gone = issued(tree.committee_user, tree.org, [tree.cell], "5-HD/ĐU", doc_type=DocType.GUIDANCE)
    services.document_withdraw(
        actor=tree.committee_user, document=gone, reason="Nhầm", version=gone.version
    )
    draft(tree.committee_user, tree.org, [tree.cell], "6-HD/ĐU", doc_type=DocType.GUIDANCE)
    last_year = issued(tree.committee_user, tree.org, [tree.cell], "7-KH/ĐU")
    _on(a, date(year, 1, 15))
    _on(b, date(year, 5, 2))
    _on(c, date(year, 5, 20))
    _on(gone, date(year, 5, 21))
    _on(last_year, date(year - 1, 12, 31))

    quarters = selectors.type_counts(tree.bloc, year, "quy")
    assert [r.counts for r in quarters] == [{"KH": 1}, {"KH": 1, "CV": 1}, {}, {}]
    months = selectors.type_counts(tree.bloc, year, "thang")
    assert months[4].counts == {"KH": 1, "CV": 1} and months[0].total == 1
    total = selectors.total_row(selectors.type_counts(tree.bloc, year, "nam"))
    assert total.counts == {"KH": 2, "CV": 1} and total.total == 3
    assert selectors.counts_sentence(total) == "ban hành 2 kế hoạch và 1 công văn"
    # Đảng bộ Sở A's own subtree holds only its letter.
    org = selectors.total_row(selectors.type_counts(tree.org, year, "nam"))
    assert org.counts == {"CV": 1}


def test_the_sentence_lists_types_in_order(tree):
    row = selectors.CountRow("x", {"CV": 15, "KH": 8, "HD": 5})
    assert selectors.counts_sentence(row) == "ban hành 8 kế hoạch, 5 hướng dẫn và 15 công văn"
    assert selectors.counts_sentence(selectors.CountRow("x")) == "chưa ban hành văn bản nào"


def test_the_count_is_one_query_whatever_the_subtree(tree, django_assert_max_num_queries):
    for i in range(5):
        issued(tree.committee_user, tree.org, [tree.cell], f"{i + 1}-KH/ĐU")
    with django_assert_max_num_queries(1):
        selectors.type_counts(tree.bloc, 2026, "thang")


def test_it_rolls_the_year_up_per_child_unit(tree, django_assert_max_num_queries):
    issued(tree.propaganda_user, tree.bloc, [tree.org], "1-KH/ĐUK")
    issued(tree.committee_user, tree.org, [tree.cell], "2-KH/ĐU")
    issued(tree.committee_user, tree.org, [tree.cell], "3-CV/ĐU", doc_type=DocType.LETTER)
    year = issued(tree.committee_user, tree.org, [tree.cell], "4-KH/ĐU").year
    with django_assert_max_num_queries(2):
        rows = selectors.child_counts(tree.bloc, year)
    by_label = {r.label: r for r in rows}
    assert rows[0].own and rows[0].counts == {"KH": 1}
    assert by_label["Đảng bộ Sở A"].counts == {"KH": 2, "CV": 1}
    assert by_label["Chi bộ cơ sở B"].total == 0


def test_the_child_units_are_in_vietnamese_order_of_their_names(tree):
    from lamtheo.orgs.models import UnitKind
    from lamtheo.orgs.services import unit_create

    for code, name in (("CD", "Chi bộ Khoa Chẩn đoán hình ảnh"), ("CC", "Chi bộ Khoa Cấp cứu"),
                       ("DX", "Đảng bộ Xí nghiệp"), ("TT", "Chi bộ Trung tâm")):  # fmt: skip
        unit_create(code=code, name=name, kind=UnitKind.CELL, parent=tree.bloc)
    labels = [r.label for r in selectors.child_counts(tree.bloc, 2026)[1:]]
    assert labels == [
        "Chi bộ cơ sở B",
        "Chi bộ Khoa Cấp cứu",
        "Chi bộ Khoa Chẩn đoán hình ảnh",
        "Chi bộ Trung tâm",
        "Đảng bộ Sở A",
        "Đảng bộ Xí nghiệp",
    ]
