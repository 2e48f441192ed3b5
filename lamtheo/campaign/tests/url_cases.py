"""The topic library's pages in the walk of every URL as every role."""

from __future__ import annotations

from datetime import date

from lamtheo.campaign import services
from lamtheo.campaign.models import Topic, TopicKind
from lamtheo.campaign.tests.helpers import pdf
from lamtheo.tests.url_walk import expect

MANAGERS = expect(404, committee=200, propaganda=200)


def prepare(w) -> None:
    year = date.today().year
    w.bloc_topic = services.topic_create(
        actor=w.propaganda_user,
        unit=w.bloc,
        kind=TopicKind.ANNUAL,
        year=year,
        title="Chuyên đề của Đảng bộ Khối",
    )
    w.org_topic = services.topic_create(
        actor=w.committee_user,
        unit=w.org,
        kind=TopicKind.ANNUAL,
        year=year,
        title="Chuyên đề riêng của Đảng bộ Sở A",
    )
    w.bloc_material = services.material_add(
        actor=w.propaganda_user, topic=w.bloc_topic, title="Tài liệu của Khối", file=pdf()
    )
    w.org_material = services.material_add(
        actor=w.committee_user, topic=w.org_topic, title="Tài liệu của Sở A", file=pdf()
    )
    w.central_topic = Topic.objects.get(unit=None, year=2016)


def cases(w) -> list:
    # A unit's topic reaches the people of its subtree and the roles on it and above;
    # Chi bộ cơ sở B is outside Đảng bộ Sở A.
    outside_org = expect(200, other_secretary=404)
    return [
        ("campaign:topics", [], expect(200), "get"),
        ("campaign:topic", [w.central_topic.pk], expect(200), "get"),
        ("campaign:topic", [w.bloc_topic.pk], expect(200), "get"),
        ("campaign:topic", [w.org_topic.pk], outside_org, "get"),
        ("campaign:topic_create", [], MANAGERS, "get"),
        ("campaign:topic_edit", [w.org_topic.pk], MANAGERS, "get"),
        ("campaign:topic_edit", [w.bloc_topic.pk], expect(404, propaganda=200), "get"),
        ("campaign:topic_edit", [w.central_topic.pk], expect(404), "get"),
        ("campaign:material_add", [w.org_topic.pk], MANAGERS, "get"),
        ("campaign:material_add", [w.bloc_topic.pk], expect(404, propaganda=200), "get"),
        ("campaign:material_remove", [w.org_material.pk], MANAGERS, "get"),
        ("campaign:material_download", [w.bloc_material.pk], expect(200), "get"),
        ("campaign:material_download", [w.org_material.pk], outside_org, "get"),
    ]
