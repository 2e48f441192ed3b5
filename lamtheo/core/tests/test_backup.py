from __future__ import annotations

import sqlite3

import pytest
from django.core.management import call_command
from django.db import connection


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_holds_the_people_and_can_be_opened(tree, tmp_path):
    target = tmp_path / "copy.sqlite3"
    if connection.vendor != "sqlite":
        target = tmp_path / "copy.dump"
    call_command("backup", output=str(target))
    assert target.exists() and target.stat().st_size > 0
    if connection.vendor == "sqlite":
        with sqlite3.connect(target) as copy:
            names = {r[0] for r in copy.execute("select full_name from people_person")}
        assert "Nguyễn Văn An" in names


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_carries_the_uploaded_files(tree, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lamtheo.core.uploads import store_upload

    stored = store_upload(actor=None, file=SimpleUploadedFile("kh.pdf", b"%PDF-1.4 noi dung"))
    target = tmp_path / ("copy.sqlite3" if connection.vendor == "sqlite" else "copy.dump")
    call_command("backup", output=str(target))
    copied = tmp_path / f"{target.name}.tep-tai-len" / stored.key[:2] / stored.key
    assert copied.read_bytes() == b"%PDF-1.4 noi dung"
