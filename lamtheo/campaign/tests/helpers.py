from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def pdf(name: str = "tai-lieu.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF)


def docx(name: str = "tai-lieu.docx") -> SimpleUploadedFile:
    out = io.BytesIO()
    Document().save(out)
    return SimpleUploadedFile(name, out.getvalue())
