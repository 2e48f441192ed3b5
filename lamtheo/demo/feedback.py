"""Feedback reports (phản ánh) in every state: new, accepted, accepted with an inspection
opened, forwarded to the level above, rejected; some anonymous, some from the public form,
some from members signed in. Made through the services, as a sender and the commission
would. The hospital's inspector ("kiemtra") receives those about its cells; a member of the
bloc's commission (in the bloc office's cell) those about the units right under the bloc."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from lamtheo.inspections.feedback import services
from lamtheo.inspections.feedback.models import FeedbackReport
from lamtheo.inspections.services import InspectionInput
from lamtheo.orgs.models import OrgUnit, RoleKind
from lamtheo.orgs.services import role_grant
from lamtheo.people.models import Person

ONE_STOP = (
    "Ngày {d}, tôi đến bộ phận một cửa nộp hồ sơ chứng thực. Cán bộ tiếp nhận nói chuyện "
    "điện thoại riêng gần 20 phút trong khi nhiều người chờ, sau đó trả hồ sơ, yêu cầu bổ "
    "sung giấy tờ không có trong danh mục niêm yết, thái độ khó chịu khi người dân hỏi lại."
)
RECEPTION = (
    "Nhân viên quầy tiếp đón quát nạt người bệnh cao tuổi đi khám một mình, không hướng dẫn "
    "lấy số thứ tự; người nhà phải tự hỏi nhiều nơi mới biết thủ tục."
)
WARD = (
    "Điều dưỡng trực đêm không có mặt ở buồng bệnh gần hai giờ; người nhà bệnh nhân gọi "
    "nhiều lần không ai đến. Khi có mặt lại nói “ai bảo không gọi bảo vệ”."
)
FEES = (
    "Cán bộ thu viện phí gợi ý nộp thêm “tiền bồi dưỡng” để được xếp giường sớm. Tôi có "
    "giữ tin nhắn điện thoại."
)
MEETING = (
    "Chi bộ tổ chức sinh hoạt chuyên đề học tập và làm theo Bác nhưng chỉ đọc lại văn bản "
    "trong 10 phút rồi chuyển sang việc chuyên môn; biên bản lại ghi thảo luận sôi nổi."
)
PARKING = "Bảo vệ bệnh viện thu tiền gửi xe cao hơn giá niêm yết, không đưa vé."


def _report(unit, what: str, on: date, sender=None, **contact) -> FeedbackReport:
    report, _ = services.feedback_submit(
        sender=sender,
        data=services.FeedbackInput(unit=unit, what=what, happened_on=on, **contact),
    )
    return report


def _received(report: FeedbackReport, days_ago: int, today: date) -> None:
    # Demo only: the report as received some days ago.
    at = timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(9)))
    FeedbackReport.objects.filter(pk=report.pk).update(received_at=at)
    report.refresh_from_db()


def _bloc_inspector(root: OrgUnit) -> None:
    office = OrgUnit.objects.get(parent=root, name="Chi bộ Cơ quan Đảng ủy Khối")
    person = (
        Person.objects.filter(cell=office, user__isnull=False)
        .exclude(user__username__in=["tuyengiao", "quantri"])
        .order_by("sort_key")
        .first()
    )
    role_grant(actor=None, user=person.user, unit=root, kind=RoleKind.INSPECTOR)


def load(*, today: date) -> int:
    inspector = User.objects.get(username="kiemtra")
    hospital = OrgUnit.objects.get(roles__user=inspector, roles__kind=RoleKind.INSPECTOR)
    root = OrgUnit.objects.get(path=hospital.path[:7])
    _bloc_inspector(root)
    bithu, capuy = User.objects.get(username="bithu"), User.objects.get(username="capuy")
    demo_cell, capuy_cell = bithu.person.cell, capuy.person.cell
    own = inspector.person.cell_id
    other = (
        OrgUnit.objects.filter(path__startswith=hospital.path, kind__in=["cell"], is_active=True)
        .exclude(pk__in=[demo_cell.pk, capuy_cell.pk, own])
        .order_by("path")
        .first()
    ) or capuy_cell
    one_stop = OrgUnit.objects.filter(parent=root, name="Chi bộ Sở Tư pháp").first()
    sender = User.objects.get(username="dangvien2")

    # New: anonymous, from the public form, about the demo cell's reception desk.
    fresh = _report(demo_cell, RECEPTION, today - timedelta(days=1), anonymous=True)
    _received(fresh, 0, today)
    # New: with a name and a phone, about capuy's cell.
    named = _report(capuy_cell, PARKING, today - timedelta(days=3), contact_name="Nguyễn Thị Hoa",
                    contact_phone="0905123456")  # fmt: skip
    _received(named, 2, today)
    # Accepted, from a member signed in, with a note.
    taken = _report(
        capuy_cell,
        WARD,
        today - timedelta(days=12),
        sender=sender,
        person_named="Điều dưỡng trực đêm",
    )
    _received(taken, 11, today)
    taken = services.feedback_accept(actor=inspector, report=taken, version=taken.version,
                                     note="Ủy ban Kiểm tra sẽ xác minh với khoa trong tháng.")  # fmt: skip
    # Accepted, and an inspection opened: anonymous, about fees in the demo cell.
    probed = _report(demo_cell, FEES, today - timedelta(days=20), anonymous=True)
    _received(probed, 19, today)
    probed = services.feedback_accept(actor=inspector, report=probed, version=probed.version)
    prefill = services.inspection_prefill(probed)
    services.feedback_open_inspection(
        actor=inspector, report=probed, version=probed.version,
        data=InspectionInput(
            kind="inspection", subject=prefill["subject"], unit=demo_cell,
            period_start=prefill["period_start"], period_end=prefill["period_end"],
            starts_on=prefill["starts_on"], ends_on=prefill["ends_on"], team=[inspector],
        ),
    )  # fmt: skip
    # Forwarded to the bloc's commission.
    sent_up = _report(other, MEETING, today - timedelta(days=25), contact_name="Lê Văn Tâm",
                      contact_email="le.van.tam@vidu.vn")  # fmt: skip
    _received(sent_up, 24, today)
    services.feedback_forward(
        actor=inspector, report=sent_up, to=root, version=sent_up.version,
        reason="Nội dung liên quan đến việc hướng dẫn sinh hoạt chuyên đề của Đảng ủy Khối.",
    )  # fmt: skip
    # Rejected, with the reason the sender reads.
    refused = _report(other, "Bãi xe đông quá, đề nghị mở rộng.", today - timedelta(days=30),
                      contact_name="Phạm Văn Long", contact_email="long.pv@vidu.vn")  # fmt: skip
    _received(refused, 29, today)
    services.feedback_reject(
        actor=inspector, report=refused, version=refused.version,
        reason="Nội dung là kiến nghị về cơ sở vật chất, không phải phản ánh về việc làm theo "
        "của tổ chức đảng hay đảng viên; đã chuyển thông tin đến Ban Giám đốc bệnh viện.",
    )  # fmt: skip
    # About a one-stop office, to the bloc's commission.
    if one_stop is not None:
        on = today - timedelta(days=5)
        desk = _report(one_stop, ONE_STOP.format(d=f"{on:%d/%m/%Y}"), on, anonymous=True,
                       person_named="Cán bộ tiếp nhận hồ sơ ở quầy số 2")  # fmt: skip
        _received(desk, 4, today)
    return FeedbackReport.objects.count()
