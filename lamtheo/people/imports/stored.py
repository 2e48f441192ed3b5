"""What the database holds already of the units and people a file names, read in chunks as
plain values (as much as the checks and the write step need)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lamtheo.orgs.models import OrgUnit
from lamtheo.people.imports.checks import case_key
from lamtheo.people.models import Membership, Person

CHUNK = 2000  # keeps `code IN (...)` lists under every backend's parameter limit


@dataclass
class StoredUnit:
    """A unit already in the database, as much as the checks need."""

    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    parent_code: str | None
    path: str
    depth: int
    is_active: bool


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def existing_units(codes: set[str]) -> dict[str, StoredUnit]:
    found: dict[str, StoredUnit] = {}
    for chunk in chunks(sorted(codes)):
        for v in OrgUnit.objects.filter(code__in=chunk).values(
            "id",
            "code",
            "name",
            "kind",
            "parent_id",
            "parent__code",
            "path",
            "depth",
            "is_active",
        ):
            v["parent_code"] = v.pop("parent__code")
            found[v["code"]] = StoredUnit(**v)
    return found


def existing_people(codes: list[str]) -> dict[str, tuple[dict, str | None, tuple | None]]:
    """person code → (stored fields by attname, path of their cell, open membership (id,
    cell code, start)). Plain dicts: a model instance each would cost 10 µs a row."""
    attnames = [f.attname for f in Person._meta.concrete_fields]
    found: dict[str, tuple[dict, str | None, tuple | None]] = {}
    for chunk in chunks(codes):
        people = {}
        for v in Person.objects.filter(code__in=chunk).values(*attnames, "cell__path"):
            path = v.pop("cell__path")
            people[v["id"]] = (v, path)
        open_ms = {
            pid: (mid, code, start)
            for mid, pid, code, start in Membership.objects.filter(
                person_id__in=list(people), end_month__isnull=True
            ).values_list("id", "person_id", "unit__code", "start_month")
        }
        for pid, (person, path) in people.items():
            found[person["code"]] = (person, path, open_ms.get(pid))
    return found


def case_twins(model, codes: Iterable[str]) -> dict[str, str]:
    """For each of `codes` not stored as it is, a stored code of `model` that differs from it
    only in upper and lower case: code in the file → stored code.

    The comparison is Python's casefold (Đ and đ, ß and SS), which no database's LOWER()
    matches on every backend, so the stored codes are streamed, only the code column."""
    wanted = {case_key(c): c for c in codes}
    found: dict[str, str] = {}
    if not wanted:
        return found
    for stored in model.objects.values_list("code", flat=True).iterator(chunk_size=CHUNK):
        code = wanted.get(case_key(stored))
        if code is not None and code != stored:
            found[code] = stored
    return found
