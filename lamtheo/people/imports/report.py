"""What the import reports: each problem found (sheet, row, column, message) and, when the
file was written, how many units and people it created, updated or left unchanged."""

from __future__ import annotations

from dataclasses import dataclass, field

from lamtheo.people.imports.sheet import SHEETS


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file; `row` and `column` are empty for the file as a whole."""

    sheet: str
    row: int | None
    column: str
    message: str

    @property
    def text(self) -> str:
        where = [f"Dòng {self.row}"] if self.row else []
        where += [f"cột “{self.column}”"] if self.column else []
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def __str__(self) -> str:
        if self.sheet and self.row:
            return f"Trang “{self.sheet}”, {self.text[0].lower()}{self.text[1:]}"
        return self.text

    @property
    def place(self) -> tuple[str, int | None]:
        """The sheet and row: the report groups a row's problems under it."""
        return self.sheet, self.row

    def order(self) -> tuple[int, int, int]:
        """Sheet, row, column: the order a person reads the report in."""
        spec = next((i for i, s in enumerate(SHEETS) if s.title == self.sheet), -1)
        columns = [c.header for c in SHEETS[spec].columns] if spec >= 0 else []
        column = columns.index(self.column) if self.column in columns else -1
        return spec, self.row or 0, column


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ImportResult:
    file_name: str
    problems: list[Problem] = field(default_factory=list)
    units: Counts = field(default_factory=Counts)
    people: Counts = field(default_factory=Counts)
    transferred: int = 0
    roles: int = 0  # roles granted from the “Vai trò” column
    # The people the file added or gave a role: the import's done page offers them accounts.
    person_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changed(self) -> bool:
        return bool(
            self.units.created
            or self.units.updated
            or self.people.created
            or self.people.updated
            or self.roles
        )

    def summary(self) -> str:
        return (
            f"Đã nhập tệp “{self.file_name}”: tổ chức đảng thêm mới {self.units.created}, "
            f"cập nhật {self.units.updated}, giữ nguyên {self.units.unchanged}; cán bộ, đảng viên "
            f"thêm mới {self.people.created}, cập nhật {self.people.updated} (trong đó chuyển "
            f"sinh hoạt {self.transferred}), giữ nguyên {self.people.unchanged}"
            + (f"; giao {self.roles} vai trò." if self.roles else ".")
        )
