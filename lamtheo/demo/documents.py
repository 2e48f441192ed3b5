"""Demo documents: the bloc committee's register for this year, sent to its grassroots
organizations (most received, many reported), and a couple of grassroots organizations'
own documents to their cells. Files are small .docx generated here, never committed."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone

from lamtheo.core.dates import party_date_line
from lamtheo.core.uploads import store_upload
from lamtheo.core.vietnamese import fold
from lamtheo.documents.models import DocStatus, DocType, Document, Receipt
from lamtheo.documents.selectors import GRASSROOTS_KINDS
from lamtheo.orgs.models import CELL_KINDS, OrgUnit
from lamtheo.orgs.scope import subtree_q


def docx_bytes(title: str, *lines: str) -> bytes:
    """A small Word document in the Party's layout (heading, title, body)."""
    from docx import Document as Docx

    doc = Docx()
    doc.add_paragraph("ĐẢNG CỘNG SẢN VIỆT NAM")
    doc.add_heading(title, level=1)
    for line in lines:
        doc.add_paragraph(line)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_upload(name: str, title: str, *lines: str) -> ContentFile:
    return ContentFile(docx_bytes(title, *lines), name=name)


# (type, summary, deadline in days or None, month offset from January)
BLOC_PLAN = [
    (
        DocType.PLAN,
        "Kế hoạch học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {y}",
        60,
        0,
    ),
    (DocType.GUIDANCE, "Hướng dẫn học tập chuyên đề năm {y}", 45, 0),
    (DocType.LETTER, "V/v đăng ký học tập và làm theo Bác năm {y}", 20, 1),
    (DocType.PLAN, "Kế hoạch tổ chức hội nghị học tập, quán triệt chuyên đề năm {y}", 30, 1),
    (DocType.LETTER, "V/v ghi sổ tay “Làm theo gương Bác” hằng tháng", None, 2),
    (DocType.GUIDANCE, "Hướng dẫn sơ kết 6 tháng đầu năm {y}", 30, 4),
    (DocType.REPORT, "Báo cáo sơ kết 6 tháng đầu năm {y} việc thực hiện Chỉ thị 05-CT/TW", None, 6),
    (DocType.LETTER, "V/v giới thiệu điển hình tiêu biểu trong học tập và làm theo Bác", 25, 7),
    (DocType.NOTICE, "Thông báo kết luận của Ban Thường vụ về kết quả sơ kết", None, 8),
    (DocType.LETTER, "V/v chuẩn bị tổng kết năm {y}", 30, 9),
    (DocType.LETTER, "V/v báo cáo kết quả thực hiện chuyên đề năm {y}", 20, None),
]
ORG_PLAN = [
    (DocType.PLAN, "Kế hoạch thực hiện chuyên đề năm {y} của Đảng bộ", 30, 1),
    (DocType.LETTER, "V/v nộp bản đăng ký học tập và làm theo Bác năm {y}", 15, 1),
    (DocType.REPORT, "Báo cáo kết quả học tập chuyên đề năm {y}", None, 5),
    (DocType.LETTER, "V/v chuẩn bị sinh hoạt chi bộ chuyên đề quý IV", 15, None),
]


def _when(d: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(hour, 0)))


def _issue(rng, issuer, plan, today, authority, signer, recipients, users) -> int:
    docs, receipts = [], []
    year = today.year
    numbers: dict[str, int] = {}
    for doc_type, summary, deadline_days, month in plan:
        if month is None:  # just sent: still waiting in the inboxes
            issued = max(today - timedelta(days=1), date(year, 1, 1))
        else:
            issued = date(year, min(month + 1, today.month), min(3 + 2 * len(docs), 28))
        if issued > today:
            continue
        numbers[doc_type] = numbers.get(doc_type, 0) + rng.randint(3, 12)
        number = f"{numbers[doc_type]:02d}"
        symbol = f"{number}-{doc_type}/{authority}"
        text = summary.format(y=year)
        title = f"{DocType(doc_type).label.upper()} số {symbol}"
        stored = store_upload(
            actor=None,
            file=docx_upload(
                f"{symbol.replace('/', '_')}.docx",
                title,
                party_date_line("Khánh Hòa", issued),
                text,
                f"Người ký: {signer}",
            ),
        )
        deadline = issued + timedelta(days=deadline_days) if deadline_days else None
        docs.append(
            Document(
                issuer=issuer,
                doc_type=doc_type,
                year=year,
                number=number,
                number_value=numbers[doc_type],
                symbol=symbol,
                issued_on=issued,
                summary=text,
                signer=signer,
                file=stored,
                deadline=deadline,
                status=DocStatus.SENT,
                search_text=fold(f"{symbol} {text}"),
                sent_at=_when(issued, 9),
            )
        )
    Document.objects.bulk_create(docs)
    for d in docs:
        age = (today - d.issued_on).days
        for unit in recipients:
            r = Receipt(document=d, unit=unit)
            user = users.get(unit.pk)
            if age > 2 and rng.random() < 0.9:
                r.received_at = _when(d.issued_on + timedelta(days=rng.randint(0, 2)), 10)
                r.received_by = user
                if d.deadline and rng.random() < (0.85 if today > d.deadline else 0.4):
                    on = min(d.issued_on + timedelta(days=rng.randint(3, 25)), today)
                    r.implemented_on, r.reported_at, r.reported_by = on, _when(on, 15), user
                    r.implementation = rng.choice(IMPLEMENTATIONS)
            receipts.append(r)
    Receipt.objects.bulk_create(receipts, batch_size=500)
    return len(docs)


IMPLEMENTATIONS = [
    "Đã quán triệt tại hội nghị cấp ủy và sinh hoạt chi bộ; 100% đảng viên được phổ biến.",
    "Đã xây dựng kế hoạch thực hiện của đơn vị và giao các chi bộ triển khai.",
    "Đã tổ chức học tập tập trung; đảng viên vắng mặt đã học bù.",
    "Đã triển khai đến các chi bộ; đang tổng hợp kết quả để báo cáo bổ sung.",
]


def load(*, root: OrgUnit, today: date, seed: int = 2026) -> int:
    """Create the demo documents under `root`; returns how many were created."""
    from lamtheo.orgs.models import Role
    from lamtheo.orgs.scope import CAPABILITIES, Capability

    rng = random.Random(seed)
    units = list(OrgUnit.objects.filter(subtree_q(root.path), is_active=True))
    kinds = CAPABILITIES[Capability.RECEIVE_DOCUMENTS]
    users = {}
    for role in Role.objects.filter(unit__in=units, kind__in=kinds).select_related("user"):
        users.setdefault(role.unit_id, role.user)
    grassroots = [
        u
        for u in units
        if u.kind in GRASSROOTS_KINDS and u.path.startswith(root.path) and u.pk != root.pk
    ]
    n = _issue(
        rng, root, BLOC_PLAN, today, "ĐUK", "Phó Bí thư Thường trực Trần Văn Nam", grassroots, users
    )
    orgs = sorted((u for u in grassroots if u.kind == "grassroots"), key=lambda u: u.path)
    for org in orgs[:2]:
        cells = [u for u in units if u.path.startswith(org.path) and u.kind in CELL_KINDS]
        if cells:
            n += _issue(rng, org, ORG_PLAN, today, "ĐU", "Bí thư Đảng ủy Lê Thị Hoa", cells, users)
    return n
