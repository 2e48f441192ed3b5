"""Path arithmetic of the tree of party organizations: the only place that knows the encoding.

Each unit's `path` is its ancestors' ids, root first and its own id last, each as a
fixed-width run of digits. The subtree of a unit is then the range
`path >= P and path < successor(P)`: one indexed range query on SQLite and PostgreSQL
alike, and digits compare the same way under every collation (no `LIKE`). Because every
segment has the same width, a plain prefix test cannot confuse unit 1 with unit 10.

Figures are grouped per child unit by the child's path, the first `len(P) + width`
characters of every path in the subtree: `branch_of` in Python, `branch_expr` in SQL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.db.models.functions import Substr

if TYPE_CHECKING:
    from lamtheo.orgs.models import OrgUnit

PATH_SEGMENT_WIDTH = 7
PATH_MAX_LENGTH = 255  # OrgUnit.path's column
# The deepest unit a path can hold (depth counts from 0 at a root).
MAX_DEPTH = PATH_MAX_LENGTH // PATH_SEGMENT_WIDTH - 1


def path_segment(pk: int) -> str:
    return str(pk).zfill(PATH_SEGMENT_WIDTH)


def child_path(parent_path: str, pk: int) -> str:
    """The path of unit `pk` placed under the unit whose path is `parent_path` ("" for a root)."""
    return parent_path + path_segment(pk)


def path_ids(path: str) -> list[int]:
    """The ids along the path, root first and the unit's own id last."""
    w = PATH_SEGMENT_WIDTH
    return [int(path[i : i + w]) for i in range(0, len(path), w)]


def ancestor_paths(path: str) -> list[str]:
    """The paths of the unit and of every unit above it, root first."""
    w = PATH_SEGMENT_WIDTH
    return [path[:end] for end in range(w, len(path) + 1, w)]


def is_within(path: str, ancestor_path: str) -> bool:
    """Is the unit at `path` the unit at `ancestor_path` or somewhere below it?"""
    return path.startswith(ancestor_path)


def subtree_upper_bound(path: str) -> str:
    """The smallest path greater than every path within `path` (its successor)."""
    w = PATH_SEGMENT_WIDTH
    return path[:-w] + path_segment(int(path[-w:]) + 1)


def subtree_q(path: str, field: str = "path") -> Q:
    """A filter on `field` (a unit path) that keeps the subtree of the unit at `path`."""
    return Q(**{f"{field}__gte": path, f"{field}__lt": subtree_upper_bound(path)})


def branch_of(path: str, ancestor_path: str) -> str:
    """The path of the child of `ancestor_path` on whose branch `path` lies (`ancestor_path`
    itself for the ancestor's own path). `path` must be within `ancestor_path`."""
    return path[: len(ancestor_path) + PATH_SEGMENT_WIDTH]


def branch_expr(ancestor_path: str, field: str = "path") -> Substr:
    """`branch_of` in SQL, to group a subtree's rows per child unit."""
    return Substr(field, 1, len(ancestor_path) + PATH_SEGMENT_WIDTH)


def children_of(unit: OrgUnit, branch_paths) -> list[tuple[OrgUnit, str]]:
    """The child units behind grouped rows' branch paths, each with its branch path, in tree
    order (one query; none for a cell without rows below it). Figures keep the path a cell
    had when they were recorded, so a child that has since moved still shows for the periods
    it belonged here; current children without figures show too."""
    ids = {path_ids(p)[-1]: p for p in branch_paths if p != unit.path}
    if unit.is_cell and not ids:
        return []  # a cell has no units under it
    # The unit's own class: models imports this module, so this module does not import models.
    children = (
        type(unit)
        .objects.filter(Q(parent=unit, is_active=True) | Q(pk__in=ids))
        .only("id", "code", "name", "kind", "path", "is_active")
    )
    found = [(u, ids.get(u.pk, u.path)) for u in children]
    return sorted(found, key=lambda pair: pair[1])
