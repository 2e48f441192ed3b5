"""Discipline decisions for tests, made through the services."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from lamtheo.inspections.discipline import services
from lamtheo.inspections.discipline.models import DisciplineForm, Organ
from lamtheo.people.models import MemberStatus, Person

_numbers = iter(range(1, 10_000))


def decision(**overrides) -> services.DecisionInput:
    today = timezone.localdate()
    values = {
        "organ": Organ.COMMISSION,
        "form": DisciplineForm.WARNING,
        "decision_number": f"{next(_numbers):02d}-QĐ/UBKT",
        "decision_date": today,
        "effective_from": today,
        "reason": "Không thực hiện bản đăng ký học tập và làm theo đã cam kết.",
    }
    values.update(overrides)
    return services.DecisionInput(**values)


def recorded(actor, unit, **overrides):
    return services.discipline_record(actor=actor, unit=unit, data=decision(**overrides))


def probationary(person: Person) -> Person:
    # Test set-up only: the status as the roster import would have it.
    Person.objects.filter(pk=person.pk).update(status=MemberStatus.PROBATIONARY)
    person.refresh_from_db()
    return person


def day(year: int, month: int = 6, d: int = 1) -> date:
    return date(year, month, d)
