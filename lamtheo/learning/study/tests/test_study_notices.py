from __future__ import annotations

from django.core import mail

from lamtheo.core.models import Notice
from lamtheo.learning.study.tests.helpers import schedule, today


def test_scheduling_tells_the_people_expected_in_the_cells_reached(
    tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        schedule(tree, held_on=today(), place="Hội trường tầng 3")
    told = set(Notice.objects.values_list("user", flat=True))
    # Both cells of Đảng bộ Sở A; not Chi bộ cơ sở B, not the committee member who acts.
    assert told == {tree.member_user.pk, tree.secretary_user.pk, tree.outsider.user.pk}
    notice = Notice.objects.filter(user=tree.member_user).get()
    assert "Đảng bộ Sở A tổ chức" in notice.text and "tại Hội trường tầng 3" in notice.text
    assert notice.sender_title == "Cấp ủy viên Đảng bộ Sở A"
    assert len(mail.outbox) == 3


def test_scheduling_for_chosen_units_tells_only_their_people(tree):
    schedule(tree, whole_subtree=False, chosen_units=[tree.cell2])
    assert list(Notice.objects.values_list("user", flat=True)) == [tree.outsider.user.pk]
