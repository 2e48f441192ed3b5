from __future__ import annotations

import pytest
from django.urls import reverse

from lamtheo.learning.stories import services as s
from lamtheo.learning.stories.models import Story, StoryReading


def _story(tree, title="Đôi dép đã mòn quai"):
    return s.story_create(
        actor=tree.propaganda_user,
        title=title,
        text="Bác đi đôi dép cũ nhiều năm.",
        source="Biên soạn",
        tags="giản dị",
    )


def test_a_propaganda_officer_adds_a_story_through_the_form(tree, login):
    client = login(tree.propaganda_user)
    response = client.post(reverse("learning:story_new"), {
        "title": "Giờ hẹn là lời hứa", "text": "Bác đến đúng giờ.", "source": "Biên soạn",
        "tags": "đúng giờ", "is_active": "on"})  # fmt: skip
    story = Story.objects.get()
    assert response.url == reverse("learning:story_detail", args=[story.pk])
    assert story.search_key == "gio hen la loi hua dung gio bac den dung gio."


def test_others_cannot_add_or_edit_stories(tree, login):
    story = _story(tree)
    for user in (tree.secretary_user, tree.member_user, tree.admin_user):
        client = login(user)
        assert client.get(reverse("learning:story_new")).status_code == 404
        assert (
            client.post(reverse("learning:story_edit", args=[story.pk]), {"title": "X"}).status_code
            == 404
        )


def test_the_library_search_ignores_diacritics(tree, login):
    _story(tree)
    _story(tree, "Bữa cơm không để thừa")
    page = (
        login(tree.member_user)
        .get(reverse("learning:story_library"), {"q": "bua com"})
        .content.decode()
    )
    assert "Bữa cơm không để thừa" in page and "Đôi dép" not in page


def test_an_inactive_story_is_hidden_from_readers(tree, login):
    story = _story(tree)
    s.story_update(
        actor=tree.propaganda_user,
        story=story,
        version=story.version,
        title=story.title,
        text=story.text,
        source=story.source,
        is_active=False,
    )
    assert (
        login(tree.member_user).get(reverse("learning:story_detail", args=[story.pk])).status_code
        == 404
    )
    assert (
        login(tree.propaganda_user)
        .get(reverse("learning:story_detail", args=[story.pk]))
        .status_code
        == 200
    )


def test_the_secretary_marks_the_story_of_the_day_read(tree, login):
    story = _story(tree)
    client = login(tree.secretary_user)
    url = reverse("learning:story_unit", args=[tree.cell.code])
    assert story.title in client.get(url).content.decode()
    client.post(reverse("learning:story_read", args=[tree.cell.code]))
    reading = StoryReading.objects.get()
    assert (reading.unit, reading.story, reading.read_by) == (tree.cell, story, tree.secretary_user)
    assert "Đơn vị đã đọc mẩu chuyện này" in client.get(url).content.decode()


def test_members_see_the_story_of_the_day_of_their_cell_on_their_home_page(tree, login):
    story = _story(tree)
    page = login(tree.member_user).get(reverse("home:home")).content.decode()
    assert story.title in page and "Chi bộ Phòng 1" in page


def test_the_cadence_is_set_by_a_propaganda_officer_only(tree, login):
    url = reverse("learning:story_setting", args=[tree.cell.code])
    assert login(tree.secretary_user).post(url, {"cadence": "weekly"}).status_code == 404
    login(tree.propaganda_user).post(url, {"cadence": "weekly"})
    from lamtheo.learning.stories.selectors import cadence_for

    assert cadence_for(tree.cell) == "weekly"


@pytest.mark.parametrize("version", [None, "", "abc", "1.5", "-1", "99999999999999999999", "0"])
def test_an_edit_with_a_missing_malformed_or_stale_version_is_refused(tree, login, version):
    story = _story(tree)
    data = {"title": "Tên đã sửa", "text": "Nội dung khác", "source": "Biên soạn"}
    if version is not None:
        data["version"] = version
    response = login(tree.propaganda_user).post(
        reverse("learning:story_edit", args=[story.pk]), data
    )
    assert response.status_code == 200 and "tải lại trang" in response.content.decode()
    story.refresh_from_db()
    assert (story.title, story.version) == ("Đôi dép đã mòn quai", 1)
