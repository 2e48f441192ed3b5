"""The first categories of findings, from what the seeds report (an editable list)."""

from django.db import migrations

CATEGORIES = [
    "Bản đăng ký chung chung",
    "Chưa tổng hợp kết quả từng đảng viên",
    "Sinh hoạt chi bộ chưa có nội dung học tập và làm theo",
    "Sổ tay chưa được chi bộ nhận xét hằng tháng",
    "Chưa tổ chức học tập, quán triệt chuyên đề",
    "Chưa công khai chương trình hành động của người đứng đầu",
    "Biên bản sinh hoạt sơ sài, chép lại giữa các kỳ",
    "Làm tốt, cách làm hay cần nhân rộng",
]


def seed(apps, schema_editor):
    FindingCategory = apps.get_model("inspections", "FindingCategory")
    for i, name in enumerate(CATEGORIES, start=1):
        FindingCategory.objects.get_or_create(name=name, defaults={"order": i})


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
