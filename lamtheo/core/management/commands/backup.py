"""Write a consistent copy of the database.

SQLite: the online backup API copies a consistent snapshot even while the app is serving.
PostgreSQL: pg_dump (custom format), which reads one consistent snapshot.
Uploaded files (PRIVATE_MEDIA_ROOT) are copied after the snapshot into a folder beside it:
a stored file is written once under a new random name and never changed, so every file the
snapshot refers to is there (a newer file may be too, unreferenced and harmless).
Restoring is described in docs/operator-guide.md.

A backup holds every member's personal data: the copy and its folder of files are readable
by the owner only (files 0600, folders 0700), whatever the operator's umask.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from lamtheo.core.uploads import make_private


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu ra một tệp (SQLite hoặc PostgreSQL)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", help="Đường dẫn tệp sao lưu (mặc định: backups/…)")

    def handle(self, *args, output: str | None = None, **options) -> None:
        # Everything this command creates (the copy, pg_dump's file, folders) is the owner's
        # only from the first byte; the explicit modes below cover what already existed.
        umask = os.umask(0o077)
        try:
            self._backup(output)
        finally:
            os.umask(umask)

    def _backup(self, output: str | None) -> None:
        default_folder = settings.BASE_DIR / "backups"
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        db = connection.settings_dict
        if connection.vendor == "sqlite":
            target = Path(output or default_folder / f"lamtheo-{stamp}.sqlite3")
            target.parent.mkdir(parents=True, exist_ok=True)
            connection.ensure_connection()
            with sqlite3.connect(target) as copy:
                connection.connection.backup(copy)
        elif connection.vendor == "postgresql":
            target = Path(output or default_folder / f"lamtheo-{stamp}.dump")
            target.parent.mkdir(parents=True, exist_ok=True)
            command = [
                "pg_dump",
                "--format=custom",
                f"--file={target}",
                f"--host={db['HOST'] or 'localhost'}",
                f"--port={db['PORT'] or 5432}",
                f"--username={db['USER']}",
                db["NAME"],
            ]
            env = {"PGPASSWORD": db.get("PASSWORD") or ""}
            try:
                subprocess.run(command, check=True, env={**os.environ, **env})
            except (OSError, subprocess.CalledProcessError) as e:
                raise CommandError(f"Sao lưu không thành công: {e}") from e
        else:
            raise CommandError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")
        target.chmod(0o600)
        if target.parent == default_folder:
            default_folder.chmod(0o700)
        self.stdout.write(f"Đã sao lưu vào {target}")
        uploads = Path(settings.PRIVATE_MEDIA_ROOT)
        if uploads.is_dir():
            files = target.with_name(target.name + ".tep-tai-len")
            shutil.copytree(uploads, files, dirs_exist_ok=True)
            make_private(files)  # copytree copies each file's mode, which may be older
            self.stdout.write(f"Đã sao lưu các tệp tải lên vào {files}")
