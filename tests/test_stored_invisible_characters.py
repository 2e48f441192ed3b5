"""Text stored before the forms refused control characters (or written by a script) never
breaks a file: every .xlsx cell and every .docx builder leaves invisible characters out
(core.vietnamese.printable), and a slip that cannot be built saves no code."""

from __future__ import annotations

import base64
import re
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from lamtheo.accounts import slips
from lamtheo.accounts.models import IssueBatch
from lamtheo.core.form_tokens import new_token
from lamtheo.learning.meetings.models import CellMeeting
from lamtheo.learning.meetings.tests.helpers import make_meeting
from lamtheo.people.models import Person
from lamtheo.pledges import services as pledges
from lamtheo.tests.helpers import make_person

BAD_NAME = "Nguyễn\x0bViết\x01 Xuân\u202e"


def docx_text(data: bytes) -> str:
    doc = Document(BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for cell in table._cells:
            parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts)


def test_one_bad_stored_name_does_not_break_the_blocs_export(tree, login):
    Person.objects.filter(pk=tree.member.pk).update(full_name=BAD_NAME)
    response = login(tree.admin_user).get(reverse("people:export", args=[tree.bloc.code]))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "NguyễnViết Xuân" in values


def test_the_minutes_print_with_control_characters_in_the_agenda_and_the_place(tree, login):
    meeting = make_meeting(tree)
    CellMeeting.objects.filter(pk=meeting.pk).update(
        agenda="Học tập\x01 chuyên đề.\nNhận xét\x1f sổ tay.", place="Hội\x01 trường"
    )
    response = login(tree.secretary_user).get(
        reverse("learning:meeting_minutes", args=[meeting.pk])
    )
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "Hội trường" in text and "Học tập chuyên đề." in text


def test_the_registration_prints_with_a_control_character_in_the_name(tree, login):
    pledge = pledges.pledge_start(actor=tree.member_user, person=tree.member, year=2026)
    Person.objects.filter(pk=tree.member.pk).update(full_name=BAD_NAME)
    response = login(tree.member_user).get(reverse("pledges:print", args=[pledge.pk]))
    assert response.status_code == 200
    assert "NguyễnViết Xuân" in docx_text(response.content)


def slips_of(response) -> str:
    found = re.search(r'href="data:[^;"]+;base64,([A-Za-z0-9+/=]+)"', response.content.decode())
    return docx_text(base64.b64decode(found.group(1)))


def test_a_code_is_issued_with_its_slip_for_a_name_with_a_control_character(tree, login):
    person = make_person("DV201", "Tên tạm", tree.cell, with_user=False)
    Person.objects.filter(pk=person.pk).update(full_name=BAD_NAME)
    response = login(tree.admin_user).post(
        reverse("accounts:issue_one", args=[person.pk]), {"form_token": new_token()}
    )
    assert response.status_code == 200
    assert "NguyễnViết Xuân" in slips_of(response)


def test_a_slip_that_cannot_be_built_saves_no_code(tree, login, monkeypatch):
    person = make_person("DV202", "Lê Văn Tám", tree.cell, with_user=False)

    def broken(*args, **kwargs):
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr(slips, "slips_docx", broken)
    client = login(tree.admin_user)
    client.raise_request_exception = False
    response = client.post(
        reverse("accounts:issue_one", args=[person.pk]), {"form_token": new_token()}
    )
    assert response.status_code == 500
    person.refresh_from_db()
    assert person.user_id is None and not IssueBatch.objects.exists()


@pytest.mark.parametrize("text", ["a\x00b", "a\x7f", "x\u200by"])
def test_a_cell_of_any_export_leaves_invisible_characters_out(text):
    from openpyxl import Workbook

    from lamtheo.core.xlsx import append_row, workbook_bytes

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    append_row(sheet, [text])
    values = [c.value for row in load_workbook(BytesIO(workbook_bytes(book))).active.iter_rows()
              for c in row]  # fmt: skip
    assert values == [text.replace("\x00", "").replace("\x7f", "").replace("\u200b", "")]
