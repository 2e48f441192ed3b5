"""An import-linter contract of our own: no module imports another module's underscore names.

A leading underscore says "only this module uses it"; a name other modules need gets a public
name in the module that owns it. import-linter has no such contract type, so it is written
here against its plug-in interface (`contract_types` in pyproject.toml).
"""

from __future__ import annotations

import re

from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck

_PRIVATE_NAME = re.compile(r"(?:import|,)\s*\(?\s*(_[A-Za-z]\w*)")


class PrivateNamesContract(Contract):
    type_name = "private_names"

    containers = fields.ListField(subfield=fields.ModuleExpressionField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        roots = [str(c.expression) for c in self.containers]  # type: ignore[attr-defined]
        found: list[str] = []
        for importer in sorted(graph.modules):
            if not importer.startswith(tuple(roots)):
                continue
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                for detail in graph.get_import_details(importer=importer, imported=imported):
                    line = detail["line_contents"]
                    if line.startswith("from ") and _PRIVATE_NAME.search(line):
                        found.append(f"{importer}:{detail['line_number']}: {line}")
        return ContractCheck(kept=not found, metadata={"found": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        from importlinter.application import output

        for line in check.metadata["found"]:
            output.print_error(line)
