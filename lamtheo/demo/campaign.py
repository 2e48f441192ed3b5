"""Demo data for the topic library, the monthly self-check and the public programmes.

Called once from lamtheo.demo.build.build_demo, after the organization and its log-ins exist.
Like the main generator it uses a fixed seed and bulk inserts for the many rows (the
self-checks), and the services for the few changes a person would make (the bloc's topic,
its material, the first publications), so those show in the audit trail."""

from __future__ import annotations

import io
import random
from datetime import date

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils import timezone

from lamtheo.campaign import services
from lamtheo.campaign.actions import CampaignAction
from lamtheo.campaign.models import Campaign, Manifestation, Topic, TopicKind
from lamtheo.core.audit import tag
from lamtheo.core.periods import add_months, month_start
from lamtheo.orgs.models import OrgUnit, Role, RoleKind, UnitKind
from lamtheo.orgs.tree import subtree_q

SEED = 20260519
SELF_CHECK_SHARE = 0.12  # of the people of a month who tick something in the demo

DEMO_SUMMARY = (
    "Chuyên đề năm {year} của Đảng bộ Khối (dữ liệu mẫu). Nội dung chính:\n"
    "1. Tư tưởng Hồ Chí Minh về xây dựng bộ máy nhà nước “của dân, do dân, vì dân”, "
    "tinh gọn, hiệu lực, hiệu quả.\n"
    "2. Tấm gương tận tụy, cần, kiệm, liêm, chính, chí công vô tư của Bác trong thực thi "
    "công vụ.\n"
    "3. Liên hệ: mỗi cán bộ, đảng viên đăng ký ít nhất một việc làm cụ thể gắn với chức "
    "trách, nhiệm vụ, có chỉ tiêu và thời hạn rõ ràng."
)
CORRECTIONS = [
    "Chủ động phát biểu ý kiến trong sinh hoạt chi bộ, không né tránh khi góp ý đồng chí.",
    "Đọc nghị quyết của cấp ủy ngay khi được phổ biến và ghi chép việc cần làm theo.",
    "Giữ đúng giờ giấc làm việc, giải quyết hồ sơ theo thứ tự tiếp nhận.",
    "",
]


def load(*, root: OrgUnit, year: int, today: date) -> None:
    rng = random.Random(SEED)
    propaganda = User.objects.filter(roles__unit=root, roles__kind=RoleKind.PROPAGANDA).first()
    _bloc_topic(root, today.year, propaganda)
    _self_checks(rng, root, today)
    _publications(rng, root, year)


def _bloc_topic(root: OrgUnit, year: int, actor) -> None:
    """This year's topic of the bloc, with a summary and a small Word material."""
    topic = Topic.objects.filter(unit=root, year=year, kind=TopicKind.ANNUAL).first()
    if topic is None:
        topic = Topic(
            campaign=Campaign.objects.first(),
            unit=root,
            year=year,
            kind=TopicKind.ANNUAL,
            title=f"Chuyên đề năm {year} của {root.name} (dữ liệu mẫu)",
        )
        tag(topic, actor=actor, action=CampaignAction.TOPIC_CREATED, reason="Tạo chuyên đề")
        topic.save()
    if actor is None or topic.materials.exists():
        return
    services.topic_update(
        actor=actor,
        topic=topic,
        title=topic.title,
        summary=DEMO_SUMMARY.format(year=year),
        version=topic.version,
    )
    services.material_add(
        actor=actor,
        topic=topic,
        title=f"Đề cương giới thiệu chuyên đề năm {year}",
        file=_outline(topic),
    )


def _outline(topic: Topic) -> SimpleUploadedFile:
    from docx import Document

    doc = Document()
    doc.add_heading(f"ĐỀ CƯƠNG GIỚI THIỆU CHUYÊN ĐỀ NĂM {topic.year}", level=1)
    doc.add_paragraph(topic.title)
    for line in DEMO_SUMMARY.format(year=topic.year).splitlines():
        doc.add_paragraph(line)
    doc.add_paragraph("Tài liệu mẫu do phần mềm tạo ra để minh họa.")
    out = io.BytesIO()
    doc.save(out)
    return SimpleUploadedFile(f"de-cuong-chuyen-de-{topic.year}.docx", out.getvalue())


def _self_checks(rng: random.Random, root: OrgUnit, today: date) -> None:
    """A share of the people tick a few manifestations in the last two months (in bulk);
    the demo member has one earlier month, so the secretary can see what it looks like."""
    from lamtheo.handbook.figures import rebuild_selfcheck_year
    from lamtheo.handbook.models import SelfCheck, SelfCheckMark
    from lamtheo.people.models import Membership, Person, covering_q

    items = list(Manifestation.objects.values_list("pk", flat=True))
    # Few people tick the gravest group: weigh the first two groups up.
    weights = [5 if i < 18 else 1 for i in range(len(items))]
    demo_member = Person.objects.filter(user__username="dangvien").first()
    last = add_months(month_start(today), -1)
    months = [add_months(last, -1), last]
    checks, marks = [], []
    for month in months:
        for person_id, unit_id in (
            Membership.objects.filter(covering_q(month), subtree_q(root.path, "unit__path"))
            .order_by("person_id")
            .values_list("person_id", "unit_id")
        ):
            forced = demo_member is not None and person_id == demo_member.pk
            if forced and month != months[0]:
                continue
            if not forced and rng.random() > SELF_CHECK_SHARE:
                continue
            checks.append(
                SelfCheck(
                    person_id=person_id,
                    month=month,
                    unit_id=unit_id,
                    correction=rng.choice(CORRECTIONS),
                )
            )
            marks.append(set(rng.choices(items, weights=weights, k=rng.randint(1, 3))))
    created = SelfCheck.objects.bulk_create(checks, batch_size=2000)
    SelfCheckMark.objects.bulk_create(
        [
            SelfCheckMark(selfcheck_id=c.pk, manifestation_id=m)
            for c, ms in zip(created, marks, strict=True)
            for m in sorted(ms)
        ],
        batch_size=5000,
    )
    for y in {m.year for m in months}:
        rebuild_selfcheck_year(y)


def _publications(rng: random.Random, root: OrgUnit, year: int) -> None:
    """The programmes of the bloc office's leaders published by the bloc, and those of the
    leaders of the first grassroots organizations published by each of them."""
    from lamtheo.pledges import services as pledges
    from lamtheo.pledges.models import Pledge, PledgeStatus, Publication

    accepted = Pledge.objects.filter(year=year, status=PledgeStatus.ACCEPTED).select_related(
        "person", "unit"
    )
    office = OrgUnit.objects.filter(
        subtree_q(root.path), name="Chi bộ Cơ quan Đảng ủy Khối"
    ).first()
    rows = []
    if office is not None:
        leaders = list(accepted.filter(unit=office).order_by("person__sort_key")[:3])
        rows += [Publication(unit=root, pledge=p) for p in leaders]
    orgs = list(
        OrgUnit.objects.filter(
            parent=root, kind__in=[UnitKind.GRASSROOTS, UnitKind.GRASSROOTS_CELL]
        ).order_by("path")[:6]
    )
    committee = (
        Role.objects.filter(kind=RoleKind.COMMITTEE, unit__in=orgs)
        .select_related("user", "unit")
        .first()
    )
    for org in orgs:
        secretaries = (
            Role.objects.filter(kind=RoleKind.SECRETARY)
            .filter(Q(unit=org) | subtree_q(org.path, "unit__path"))
            .values("user_id")
        )
        chosen = list(accepted.filter(person__user_id__in=secretaries).order_by("unit__path")[:2])
        if committee is not None and committee.unit_id == org.pk:
            # The demo committee member publishes their organization's through the page's
            # service, so the audit trail has entries; theirs too (they hold a role there).
            own = accepted.filter(person__user=committee.user).first()
            for p in dict.fromkeys([*chosen, *([own] if own else [])]):
                pledges.programme_publish(actor=committee.user, unit=org, pledge=p)
            continue
        rows += [Publication(unit=org, pledge=p) for p in chosen]
    now = timezone.now()
    for r in rows:
        r.published_at = now
    Publication.objects.bulk_create(rows, ignore_conflicts=True)
