from __future__ import annotations

from django.core import mail

from lamtheo.core.models import Notice
from lamtheo.documents import services
from lamtheo.documents.tests.helpers import draft


def test_sending_tells_the_receiving_units_holders_who_sent_it(
    tree, django_capture_on_commit_callbacks
):
    d = draft(tree.committee_user, tree.org, [tree.cell])
    with django_capture_on_commit_callbacks(execute=True):
        services.document_send(actor=tree.committee_user, document=d, version=d.version)
    notice = Notice.objects.get()
    assert notice.user == tree.secretary_user
    assert notice.sender == tree.committee_user
    assert notice.sender_title == f"Cấp ủy viên {tree.org.name}"
    assert [m.to for m in mail.outbox] == [[tree.secretary_user.email]]
    assert f"Người gửi: Đồng chí {tree.committee_user.first_name}" in mail.outbox[0].body
