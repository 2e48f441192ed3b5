from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lamtheo.campaign import services
from lamtheo.campaign.models import Topic, TopicKind, TopicMaterial
from lamtheo.campaign.tests.helpers import PDF, docx, pdf


def _org_topic(tree):
    return services.topic_create(
        actor=tree.committee_user,
        unit=tree.org,
        kind=TopicKind.ANNUAL,
        year=2026,
        title="Chuyên đề Sở A",
        summary="Nội dung chính của chuyên đề.",
    )


def test_a_committee_member_creates_a_topic_through_the_form(tree, login):
    client = login(tree.committee_user)
    response = client.post(
        reverse("campaign:topic_create"),
        {
            "unit": tree.org.pk,
            "kind": "annual",
            "year": "2027",
            "title": "Chuyên đề mới",
            "summary": "",
        },
    )
    t = Topic.objects.get(title="Chuyên đề mới")
    assert response.status_code == 302 and response.url == reverse("campaign:topic", args=[t.pk])
    assert t.unit == tree.org


def test_the_form_cannot_pick_a_unit_outside_the_scope(tree, login):
    client = login(tree.committee_user)
    response = client.post(
        reverse("campaign:topic_create"),
        {"unit": tree.bloc.pk, "kind": "annual", "year": "2027", "title": "Chuyên đề"},
    )
    assert response.status_code == 200
    assert "Vui lòng chọn tổ chức đảng trong danh sách." in response.content.decode()
    assert not Topic.objects.filter(title="Chuyên đề").exists()


def test_a_stale_edit_is_refused_with_a_message(tree, login):
    t = _org_topic(tree)
    client = login(tree.committee_user)
    client.post(
        reverse("campaign:topic_edit", args=[t.pk]),
        {"title": "Lần một", "summary": "", "version": 1},
    )
    response = client.post(
        reverse("campaign:topic_edit", args=[t.pk]),
        {"title": "Lần hai", "summary": "", "version": 1},
    )
    assert "vừa được người khác thay đổi" in response.content.decode()
    assert Topic.objects.get(pk=t.pk).title == "Lần một"


def test_an_upload_that_is_not_an_allowed_kind_is_refused_in_the_error_summary(tree, login):
    t = _org_topic(tree)
    client = login(tree.committee_user)
    fake = SimpleUploadedFile("ke-hoach.pdf", b"MZ\x90\x00 this is an executable")
    response = client.post(
        reverse("campaign:material_add", args=[t.pk]), {"title": "Kế hoạch", "file": fake}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in body
    assert "Nội dung tệp không phải là PDF" in body
    assert not TopicMaterial.objects.exists()


def test_an_empty_upload_is_refused(tree, login):
    t = _org_topic(tree)
    client = login(tree.committee_user)
    response = client.post(
        reverse("campaign:material_add", args=[t.pk]),
        {"title": "", "file": SimpleUploadedFile("a.pdf", b"")},
    )
    assert response.status_code == 200
    assert not TopicMaterial.objects.exists()


def test_a_material_uploaded_through_the_view_is_downloaded_by_the_subtree_only(tree, login):
    t = _org_topic(tree)
    client = login(tree.committee_user)
    response = client.post(
        reverse("campaign:material_add", args=[t.pk]),
        {"title": "Đề cương", "file": pdf("de-cuong.pdf")},
    )
    assert response.status_code == 302
    m = TopicMaterial.objects.get()
    url = reverse("campaign:material_download", args=[m.pk])
    got = login(tree.member_user).get(url)
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert got["Content-Type"] == "application/pdf"
    assert login(tree.other_secretary_user).get(url).status_code == 404
    assert (
        login(tree.other_secretary_user).get(reverse("campaign:topic", args=[t.pk])).status_code
        == 404
    )


def test_a_material_whose_file_is_gone_from_disk_says_so_instead_of_crashing(tree, login):
    from lamtheo.core.uploads import stored_path

    central = Topic.objects.get(unit=None, year=2018)
    stored = services.store_upload(actor=None, file=docx())
    m = TopicMaterial.objects.create(topic=central, title="Tài liệu", file=stored)
    stored_path(stored).unlink()
    got = login(tree.member_user).get(reverse("campaign:material_download", args=[m.pk]))
    assert got.status_code == 404
    assert "không còn trên máy chủ" in got.content.decode()


def test_a_central_topics_material_is_open_to_every_logged_in_user(tree, login, client):
    central = Topic.objects.get(unit=None, year=2018)
    stored = services.store_upload(actor=None, file=docx())
    m = TopicMaterial.objects.create(topic=central, title="Tài liệu", file=stored)
    url = reverse("campaign:material_download", args=[m.pk])
    assert client.get(url).status_code == 302  # to the log-in page
    assert login(tree.other_secretary_user).get(url).status_code == 200


def test_removing_a_material_needs_a_post_by_a_manager(tree, login):
    t = _org_topic(tree)
    m = services.material_add(actor=tree.committee_user, topic=t, title="Tài liệu", file=pdf())
    url = reverse("campaign:material_remove", args=[m.pk])
    assert login(tree.member_user).post(url).status_code == 404
    assert TopicMaterial.objects.filter(pk=m.pk).exists()
    assert login(tree.propaganda_user).post(url).status_code == 302
    assert not TopicMaterial.objects.filter(pk=m.pk).exists()


def test_the_list_marks_the_topic_that_applies_now_and_the_home_page_shows_it(tree, login):
    from django.utils import timezone

    t = services.topic_create(
        actor=tree.committee_user,
        unit=tree.org,
        kind=TopicKind.ANNUAL,
        year=timezone.localdate().year,
        title="Chuyên đề năm nay",
        summary="Tóm tắt để đảng viên đọc trước.",
    )
    client = login(tree.member_user)
    body = client.get(reverse("campaign:topics")).content.decode()
    assert "Đang áp dụng" in body and "Chuyên đề năm nay" in body
    home = client.get(reverse("home:home")).content.decode()
    assert "Chuyên đề năm nay" in home and "Tóm tắt để đảng viên đọc trước." in home
    assert reverse("campaign:topic", args=[t.pk]) in home


def test_the_list_costs_a_fixed_number_of_queries(tree, login, django_assert_max_num_queries):
    for year in range(2030, 2040):
        services.topic_create(
            actor=tree.committee_user,
            unit=tree.org,
            kind=TopicKind.ANNUAL,
            year=year,
            title=f"Chuyên đề {year}",
        )
    client = login(tree.member_user)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("campaign:topics")).content.decode()
    assert "Chuyên đề 2039" in body


@pytest.mark.parametrize("version", [None, "", "abc", "1.5", "-1", "99999999999999999999", "0"])
def test_an_edit_with_a_missing_malformed_or_stale_version_is_refused(tree, login, version):
    t = _org_topic(tree)
    data = {"title": "Tên đã sửa", "summary": ""} | (
        {} if version is None else {"version": version}
    )
    response = login(tree.committee_user).post(reverse("campaign:topic_edit", args=[t.pk]), data)
    assert response.status_code == 200 and "tải lại trang" in response.content.decode()
    t.refresh_from_db()
    assert (t.title, t.version) == ("Chuyên đề Sở A", 1)
