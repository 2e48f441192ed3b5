"""The registration as a .docx to print and sign, for members who sign on paper."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from lamtheo.core.docx import DOCX_TYPE
from lamtheo.core.downloads import attachment_response
from lamtheo.pledges.registration_docx import registration_docx
from lamtheo.pledges.selectors import get_pledge_or_404


@login_required
def registration_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The person herself, and those who may open her records (her cell's secretary, the
    committees above): the same reach as the registration's page."""
    pledge = get_pledge_or_404(request.user, pk)
    name = f"ban-dang-ky-{pledge.year}-{pledge.person.code}.docx"
    return attachment_response(registration_docx(pledge), name, DOCX_TYPE)
