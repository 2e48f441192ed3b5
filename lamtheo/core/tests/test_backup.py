from __future__ import annotations

import os
import sqlite3
import stat

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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_is_readable_by_the_owner_only(tree, tmp_path, settings):
    # Issue 9, item 11: the copy and its files are the owner's only, even under a wide
    # umask and when the stored files were written before the rule (mode 0644).
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "uploads"
    old_file = tmp_path / "uploads" / "ab" / "ab12"
    old_file.parent.mkdir(parents=True)
    old_file.write_bytes(b"%PDF-1.4 cu")
    old_file.chmod(0o644)
    old_file.parent.chmod(0o755)
    target = tmp_path / ("copy.sqlite3" if connection.vendor == "sqlite" else "copy.dump")
    umask = os.umask(0o022)
    try:
        call_command("backup", output=str(target))
    finally:
        os.umask(umask)
    files = tmp_path / f"{target.name}.tep-tai-len"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(files.stat().st_mode) == 0o700
    assert stat.S_IMODE((files / "ab").stat().st_mode) == 0o700
    assert stat.S_IMODE((files / "ab" / "ab12").stat().st_mode) == 0o600
