"""Documents for tests, created through the services."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from lamtheo.core.uploads import store_upload
from lamtheo.demo.documents import docx_upload
from lamtheo.documents import services
from lamtheo.documents.models import DocType, Document


def a_file(actor=None):
    return store_upload(actor=actor, file=docx_upload("ke-hoach.docx", "KẾ HOẠCH", "Nội dung"))


def data(
    symbol: str = "01-KH/ĐU",
    doc_type: str = DocType.PLAN,
    *,
    days_ago: int = 10,
    deadline: date | None = None,
    summary: str = "Kế hoạch học tập chuyên đề năm nay",
    file=None,
) -> services.DocumentInput:
    return services.DocumentInput(
        doc_type=doc_type,
        symbol=symbol,
        issued_on=timezone.localdate() - timedelta(days=days_ago),
        summary=summary,
        signer="Bí thư Nguyễn Văn Hùng",
        deadline=deadline,
        file=file,
    )


def draft(actor, issuer, recipients, symbol: str = "01-KH/ĐU", **kwargs) -> Document:
    return services.document_create(
        actor=actor,
        issuer=issuer,
        data=data(symbol, file=a_file(actor), **kwargs),
        recipients=recipients,
    )


def issued(actor, issuer, recipients, symbol: str = "01-KH/ĐU", **kwargs) -> Document:
    document = draft(actor, issuer, recipients, symbol, **kwargs)
    services.document_send(actor=actor, document=document, version=document.version)
    document.refresh_from_db()
    return document
