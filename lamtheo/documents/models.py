"""Documents a committee issues for the campaign (sổ đăng ký văn bản đi), and one receipt
per recipient unit (văn bản đến: đã nhận, đã báo cáo kết quả thực hiện)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from lamtheo.core.models import AuditedHistory, StoredFile
from lamtheo.orgs.models import OrgUnit


class DocType(models.TextChoices):
    """The value is the code that stands in the document's symbol (Hướng dẫn 36-HD/VPTW)."""

    PLAN = "KH", "Kế hoạch"
    GUIDANCE = "HD", "Hướng dẫn"
    LETTER = "CV", "Công văn"
    REPORT = "BC", "Báo cáo"
    NOTICE = "TB", "Thông báo"
    DECISION = "QĐ", "Quyết định"


class DocStatus(models.TextChoices):
    DRAFT = "draft", "Chưa gửi"
    SENT = "sent", "Đã gửi"
    WITHDRAWN = "withdrawn", "Đã thu hồi"


class Document(models.Model):
    issuer = models.ForeignKey(
        OrgUnit,
        verbose_name="đơn vị ban hành",
        on_delete=models.PROTECT,
        related_name="issued_documents",
    )
    doc_type = models.CharField("loại văn bản", max_length=2, choices=DocType.choices)
    year = models.PositiveSmallIntegerField("năm")  # of issued_on: numbers restart each year
    number = models.CharField("số", max_length=10)  # "101B"
    number_value = models.PositiveIntegerField("số (để sắp xếp)", default=0)  # 101
    symbol = models.CharField("số, ký hiệu", max_length=60)  # "101B-KH/ĐU"
    issued_on = models.DateField("ngày ban hành")
    summary = models.CharField("trích yếu", max_length=500)
    signer = models.CharField("người ký", max_length=120)
    file = models.ForeignKey(
        StoredFile,
        verbose_name="tệp văn bản",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline = models.DateField("hạn báo cáo kết quả thực hiện", null=True, blank=True)
    status = models.CharField(
        "tình trạng", max_length=10, choices=DocStatus.choices, default=DocStatus.DRAFT
    )
    search_text = models.CharField("nội dung tìm kiếm", max_length=600, editable=False, default="")
    version = models.PositiveIntegerField("phiên bản", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    sent_at = models.DateTimeField("thời điểm gửi", null=True, blank=True)
    withdrawn_at = models.DateTimeField("thời điểm thu hồi", null=True, blank=True)
    withdrawn_reason = models.TextField("lý do thu hồi", blank=True)
    updated_at = models.DateTimeField("thời điểm cập nhật", auto_now=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_on", "-number_value", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "symbol"], name="document_symbol_unique_per_issuer_year"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DocStatus.values), name="document_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["issuer", "status", "issued_on"], name="document_issuer_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} – {self.summary[:60]}"

    @property
    def is_draft(self) -> bool:
        return self.status == DocStatus.DRAFT

    @property
    def is_sent(self) -> bool:
        return self.status == DocStatus.SENT


class ReceiptState(models.TextChoices):
    PENDING = "pending", "Chưa nhận"
    RECEIVED = "received", "Đã nhận"
    REPORTED = "reported", "Đã báo cáo thực hiện"


class Receipt(models.Model):
    """A document as one recipient unit holds it: acknowledged, then implemented."""

    document = models.ForeignKey(
        Document, verbose_name="văn bản", on_delete=models.CASCADE, related_name="receipts"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị nhận", on_delete=models.PROTECT, related_name="receipts"
    )
    received_at = models.DateTimeField("thời điểm nhận", null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    implementation = models.TextField("kết quả thực hiện", blank=True)
    implemented_on = models.DateField("ngày thực hiện", null=True, blank=True)
    reported_at = models.DateTimeField("thời điểm báo cáo", null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người báo cáo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField("phiên bản", default=1)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "văn bản đến"
        verbose_name_plural = "văn bản đến"
        constraints = [
            models.UniqueConstraint(fields=["document", "unit"], name="receipt_one_per_unit"),
            # A report implies the document was received.
            models.CheckConstraint(
                condition=models.Q(reported_at__isnull=True) | models.Q(received_at__isnull=False),
                name="receipt_report_implies_received",
            ),
        ]
        indexes = [models.Index(fields=["unit", "received_at"], name="receipt_unit_idx")]

    def __str__(self) -> str:
        return f"{self.document.symbol} → {self.unit}"

    @property
    def state(self) -> str:
        if self.reported_at:
            return ReceiptState.REPORTED
        if self.received_at:
            return ReceiptState.RECEIVED
        return ReceiptState.PENDING

    @property
    def state_label(self) -> str:
        return ReceiptState(self.state).label
