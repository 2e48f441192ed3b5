"""Transitional: removed when the demo and the roster import call core.figures.

lamtheo/demo.py calls `rebuild_year` (→ `lamtheo.core.figures.rebuild_year(year)`, which
rebuilds every keeper's rows); lamtheo/people/imports.py calls `rebuild_year` and
`refresh_cell_months_from` (→ `lamtheo.core.figures.people_changed_in(cells=...,
cells_reshaped=...)`). Nothing else may import this module.
"""

from lamtheo.dashboard.figures import rebuild_year, refresh_cell_months_from

__all__ = ["rebuild_year", "refresh_cell_months_from"]
