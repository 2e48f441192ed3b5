"""Import of the organization tree and the roster from an .xlsx workbook.

The administrator downloads a template (`build_template`), fills it and uploads
it; `roster_import` then

1. reads the workbook, streaming (openpyxl for its structure, the standard library's XML
   parser for the cells);
2. checks every cell of every row (Excel error values and invisible characters refused in
   all of them), then every row against the tree, even a row with bad cells, and collects
   *all* problems in one round, each with its sheet, row, column and a Vietnamese message
   (hidden sheets with data, repeated headers, codes that differ only in case, an empty
   file are problems too);
3. only if there is none, writes everything in one transaction with bulk
   statements (no per-row saves), so 10,000 rows cost a handful of queries.

Units are matched by their code and people by their id code, so importing the
same file twice changes nothing the second time. Scope follows the one door
(orgs.scope): an administrator attaches units and people only inside the
subtrees where they hold Capability.MANAGE_ROSTER.

One module per job, in the order the work runs: `sheet` (the columns and headers),
`reader` (the file within its size budget), `checks` (one row's cells), `stored` (what the
database holds already), `plan` (what will change), `write` (the all-or-nothing write),
`report` (the problems and the counts), `template` (the blank workbook) and `service`
(the entry point).
"""

from lamtheo.people.imports.reader import MAX_FILE_BYTES, FileColumns, Mapping, people_columns
from lamtheo.people.imports.report import ImportResult
from lamtheo.people.imports.service import may_import, roster_import
from lamtheo.people.imports.template import build_template

__all__ = [
    "MAX_FILE_BYTES",
    "FileColumns",
    "ImportResult",
    "Mapping",
    "build_template",
    "may_import",
    "people_columns",
    "roster_import",
]
