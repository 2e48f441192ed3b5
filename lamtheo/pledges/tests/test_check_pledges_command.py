"""Tests for `manage.py check_pledges` (JSON lines in, JSON lines out)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

REPO = Path(__file__).resolve().parents[3]

SPECIFIC = {"text": "Tổ chức 02 buổi phụ đạo mỗi tuần cho học sinh yếu.", "duties": "Giáo viên"}
VAGUE = {"text": "Nâng cao ý thức tu dưỡng, rèn luyện đạo đức, lối sống."}


def run(data: bytes | str) -> list[dict]:
    stream = io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)
    out = io.StringIO()
    call_command("check_pledges", stdin=stream, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def jsonl(*objects: object) -> bytes:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects).encode("utf-8")


def test_it_writes_one_result_per_line_in_order():
    results = run(jsonl(SPECIFIC, VAGUE, SPECIFIC))
    assert [r["specific"] for r in results] == [True, False, True]
    assert set(results[1]) == {"specific", "missing", "hint"}
    assert results[1]["missing"] == ["action", "measure", "time"]


def test_a_bad_line_gives_an_error_and_the_others_are_still_processed():
    data = (
        jsonl(SPECIFIC)
        + b"not json\n"
        + b"[1, 2]\n"
        + b'{"duties": "x"}\n'
        + b'{"text": 5}\n'
        + b'{"text": "Viet 4 bai", "duties": 3}\n'
        + jsonl(VAGUE)
    )
    results = run(data)
    assert len(results) == 7
    assert results[0]["specific"] is True
    assert all(set(r) == {"error"} for r in results[1:6])
    assert results[6]["specific"] is False


def test_error_messages_are_vietnamese_and_name_the_line():
    results = run(b"not json\n")
    assert results[0]["error"].startswith("Dòng 1:")
    assert "JSON" in results[0]["error"]


def test_blank_lines_are_reported_as_bad_lines():
    results = run(jsonl(SPECIFIC) + b"\n   \n" + jsonl(VAGUE))
    assert len(results) == 4
    assert "error" in results[1] and "error" in results[2]
    assert results[3]["specific"] is False


def test_the_output_keeps_vietnamese_letters():
    out = io.StringIO()
    call_command("check_pledges", stdin=io.BytesIO(jsonl(VAGUE)), stdout=out)
    assert "ví dụ" in out.getvalue()
    assert "\\u" not in out.getvalue()


def test_it_reads_utf8_bytes_with_a_bom_and_windows_line_ends():
    data = b"\xef\xbb\xbf" + jsonl(SPECIFIC).replace(b"\n", b"\r\n") + jsonl(VAGUE)
    assert [r["specific"] for r in run(data)] == [True, False]


def test_a_line_that_is_not_utf8_is_a_bad_line():
    results = run(jsonl(SPECIFIC) + b'{"text": "\xff\xfe"}\n' + jsonl(VAGUE))
    assert "UTF-8" in results[1]["error"]
    assert [results[0]["specific"], results[2]["specific"]] == [True, False]


def test_it_accepts_a_text_stream_and_a_last_line_without_newline():
    results = run(json.dumps(VAGUE, ensure_ascii=False) + "\n" + json.dumps(SPECIFIC))
    assert [r["specific"] for r in results] == [False, True]


def test_duties_are_optional_and_may_be_null():
    results = run(jsonl({"text": "Viết 4 bài mỗi tháng.", "duties": None}, {"text": ""}))
    assert results[0]["specific"] is True
    assert results[1] == {
        "specific": False,
        "missing": ["action", "measure", "time"],
        "hint": results[1]["hint"],
    }


def test_empty_input_gives_empty_output():
    assert run(b"") == []


class BrokenStream:
    def __iter__(self):
        raise OSError("disk on fire")


def test_unreadable_input_is_a_command_error():
    with pytest.raises(CommandError, match="Không đọc được"):
        call_command("check_pledges", stdin=BrokenStream(), stdout=io.StringIO())


def test_it_runs_as_a_process_and_exits_with_zero():
    proc = subprocess.run(
        [sys.executable, "manage.py", "check_pledges"],
        input=jsonl(SPECIFIC) + b"oops\n",
        capture_output=True,
        cwd=REPO,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode("utf-8").splitlines()
    assert json.loads(lines[0])["specific"] is True
    assert "error" in json.loads(lines[1])
