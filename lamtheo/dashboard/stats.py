"""Transitional: removed when the demo and the roster import stop importing it.

- lamtheo/demo/generator.py and lamtheo/demo/build.py: `rebuild_year(year)` → the same
  function from `lamtheo.dashboard.figures` (or `lamtheo.core.figures.rebuild_year(year)`,
  which rebuilds every keeper's rows of the year).
- lamtheo/people/imports/write.py: `rebuild_year` and `refresh_cell_months_from` →
  `lamtheo.core.figures.people_changed_in(cells={cell: from_month}, cells_reshaped=...)`
  and `lamtheo.core.figures.cells_added(cells=[new cells])`.

Nothing else may import this module.
"""

from lamtheo.dashboard.figures import rebuild_year, refresh_cell_months_from

__all__ = ["rebuild_year", "refresh_cell_months_from"]
