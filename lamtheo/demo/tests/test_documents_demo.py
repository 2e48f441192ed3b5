from __future__ import annotations

from datetime import date

from lamtheo.demo import documents as documents_demo
from lamtheo.documents.models import DocStatus, Document, Receipt
from lamtheo.documents.symbols import parse_symbol


def test_the_demo_register_is_valid_and_reaches_the_grassroots_and_cells(tree):
    n = documents_demo.load(root=tree.bloc, today=date(2026, 11, 20))
    assert n == Document.objects.count() > 10
    bloc_docs = Document.objects.filter(issuer=tree.bloc)
    assert bloc_docs.count() == len(documents_demo.BLOC_PLAN)
    assert set(
        Receipt.objects.filter(document__issuer=tree.bloc).values_list("unit", flat=True)
    ) == {tree.org.pk, tree.cell_b.pk}
    assert set(
        Receipt.objects.filter(document__issuer=tree.org).values_list("unit", flat=True)
    ) == {tree.cell.pk, tree.cell2.pk}
    for d in Document.objects.all():
        assert d.status == DocStatus.SENT and d.file_id
        assert parse_symbol(d.symbol, expected_code=d.doc_type).text == d.symbol
    # Something waits in an inbox, something was reported.
    assert Receipt.objects.filter(received_at__isnull=True).exists()
    assert Receipt.objects.filter(reported_at__isnull=False).exists()


def test_the_demo_files_are_word_documents():
    assert documents_demo.docx_bytes("KẾ HOẠCH", "x").startswith(b"PK")
