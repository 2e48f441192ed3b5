"""The figures tables: one row per unit below the one shown, a column per figure, and the
total underneath, the same on every figures page (the dashboard, the study of the topic,
the cells' meetings, the stories, the self-check counts).

A page describes its columns once (`Column`); `figures_table` turns its rows into what the
one template include, ``_figures_table.html``, renders. A page that lets the reader sort
its rows also uses the column sorting here (``?sap-xep=key``, ``-key`` for descending).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from lamtheo.core.vietnamese import text_sort_key

__all__ = [
    "NAME_SORT",
    "Cell",
    "Column",
    "FiguresTable",
    "Header",
    "Row",
    "count_text",
    "figures_table",
    "parse_column_sort",
    "percent",
    "ratio",
    "sort_by_column",
    "sort_links",
    "sort_text",
    "unit_name_key",
]

NAME_LABEL = "Tổ chức đảng"
NAME_SORT = "ten"  # the ?sap-xep= key of the units' names
NOTHING_TO_COUNT = "—"

Sort = tuple[str, bool]  # (column key, descending)


# --- figures as numbers and as text ---------------------------------------------------


def ratio(part: int, whole: int) -> float | None:
    """A share between 0 and 1, or None when nobody is counted (shown as "—")."""
    return part / whole if whole else None


def percent(rate: float | None) -> str:
    """66.666… → "66,7%" (Vietnamese decimal comma); None → "—"."""
    if rate is None:
        return NOTHING_TO_COUNT
    return f"{rate * 100:.1f}".replace(".", ",").removesuffix(",0") + "%"


def count_text(value: int | str | None) -> str:
    """1234 → "1.234" (Vietnamese thousands separator); None → "—"."""
    if isinstance(value, str):  # a count already put in words, e.g. "dưới 3"
        return value
    return NOTHING_TO_COUNT if value is None else f"{value:,}".replace(",", ".")


# --- the columns and the table --------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a figures table, read from each row's figures."""

    label: str
    field: str  # the figure: a count, or a rate (a share between 0 and 1) when `rate`
    rate: bool = False
    # A rate's counts (attribute names), shown under it with a small bar: "2/3".
    part: str = ""
    whole: str = ""
    sort: str = ""  # the ?sap-xep= key, for a column the page sorts on

    def value(self, figures: Any) -> Any:
        return getattr(figures, self.field)


@dataclass(frozen=True)
class Header:
    label: str
    numeric: bool
    query: str = ""  # the link that sorts on the column ("" when the page does not sort)
    aria_sort: str = ""  # ascending, descending or none; "" when the page does not sort


@dataclass(frozen=True)
class Cell:
    value: Any
    rate: bool = False
    part: Any = None  # with `whole`: the counts behind a rate
    whole: Any = None


@dataclass(frozen=True)
class Row:
    unit: Any  # OrgUnit
    cells: list[Cell]
    linked: bool  # the unit's own figures page can be opened (a closed unit has none)
    note: str = ""  # said after the name, e.g. "tại cấp này"


@dataclass(frozen=True)
class FiguresTable:
    headers: list[Header]
    rows: list[Row]
    total: list[Cell] | None  # the "Cộng" row; None when the page shows no total
    url_name: str  # the page a row's unit links to, with the unit's code…
    query: str  # …and this query string (the period or topic shown)
    labelled_by: str  # the id of the heading that names the table


def figures_table(
    columns: Sequence[Column],
    rows: Sequence[Any],
    total: Any | None,
    *,
    url_name: str,
    query: str,
    labelled_by: str = "don-vi-truc-thuoc",
    links: dict[str, dict] | None = None,
    figures_of: Callable[[Any], Any] = lambda row: row.figures,
) -> FiguresTable:
    """The table of `rows` (each with a `unit`, its figures and, optionally, `own`: the
    unit's own records rather than a child's subtree) and of `total` (the figures of the
    whole unit). `links` are the sorting links of `sort_links`, when the page sorts."""
    headers = [_header(NAME_LABEL, NAME_SORT, links, numeric=False)]
    headers += [_header(c.label, c.sort, links, numeric=True) for c in columns]
    return FiguresTable(
        headers=headers,
        rows=[_row(columns, r, figures_of(r)) for r in rows],
        total=None if total is None else [_total_cell(c, total) for c in columns],
        url_name=url_name,
        query=query,
        labelled_by=labelled_by,
    )


def _header(label: str, key: str, links: dict[str, dict] | None, *, numeric: bool) -> Header:
    link = (links or {}).get(key)
    if link is None:
        return Header(label, numeric)
    return Header(label, numeric, query=link["query"], aria_sort=link["aria"])


def _row(columns: Sequence[Column], row: Any, figures: Any) -> Row:
    own = getattr(row, "own", False)
    cells = [_cell(c, figures) for c in columns]
    return Row(row.unit, cells, linked=row.unit.is_active and not own,
               note="tại cấp này" if own else "")  # fmt: skip


def _cell(column: Column, figures: Any) -> Cell:
    if column.part and column.whole:
        part, whole = getattr(figures, column.part), getattr(figures, column.whole)
        return Cell(column.value(figures), rate=True, part=part, whole=whole)
    return Cell(column.value(figures), rate=column.rate)


def _total_cell(column: Column, figures: Any) -> Cell:
    # The total shows its rates without the counts and the bar: the cards above the table
    # already give them.
    return Cell(column.value(figures), rate=column.rate or bool(column.part))


# --- sorting the rows on a column -----------------------------------------------------


def unit_name_key(row: Any) -> tuple:
    """Sort key of a row's unit. Unit names read left to right ("Chi bộ Phòng 1"), so each
    word is keyed on its own in Vietnamese letter order rather than the given-name-first
    order of people."""
    return text_sort_key(row.unit.name)


def _sort_value(columns: Sequence[Column], key: str) -> Callable[[Any], Any] | None:
    if key == NAME_SORT:
        return unit_name_key
    for column in columns:
        if key and column.sort == key:
            return lambda row, column=column: column.value(row.figures)
    return None


def parse_column_sort(text: str | None, columns: Sequence[Column]) -> Sort | None:
    """ "nop" → ("nop", False), "-nop" → ("nop", True); a key no column sorts on → None
    (tree order)."""
    text = (text or "").strip()
    key = text.lstrip("-")
    return (key, text.startswith("-")) if _sort_value(columns, key) else None


def sort_by_column(rows: list, columns: Sequence[Column], sort: Sort | None) -> list:
    """Rows sorted on one of `columns` (or the names); rows with nothing to count ("—")
    always go last, whatever the direction."""
    if sort is None:
        return list(rows)
    key, descending = sort
    value = _sort_value(columns, key)
    counted = [r for r in rows if value(r) is not None]
    rest = [r for r in rows if value(r) is None]
    return sorted(counted, key=value, reverse=descending) + rest


def sort_text(sort: Sort | None) -> str:
    """The ?sap-xep= value of a sort: "nop", "-nop", or "" for tree order."""
    return "" if sort is None else ("-" if sort[1] else "") + sort[0]


def sort_links(
    columns: Sequence[Column], sort: Sort | None, query: Callable[[str], str]
) -> dict[str, dict]:
    """For the names and each sortable column: the label, the query of its link (a second
    click reverses the order) built by `query` from a ?sap-xep= value, and its aria-sort."""
    labels = {NAME_SORT: NAME_LABEL, **{c.sort: c.label for c in columns if c.sort}}
    links = {}
    for key, label in labels.items():
        current = sort is not None and sort[0] == key
        descending = current and sort[1]
        links[key] = {
            "label": label,
            "query": query(f"-{key}" if current and not descending else key),
            "aria": ("descending" if descending else "ascending") if current else "none",
        }
    return links
