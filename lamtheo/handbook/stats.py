"""Transitional: removed when the demo stops importing it.

lamtheo/demo/campaign.py: `rebuild_selfcheck_year(year)` → the same function from
`lamtheo.handbook.figures` (or `lamtheo.core.figures.rebuild_year(year)`). Nothing else may
import this module.
"""

from lamtheo.handbook.figures import rebuild_selfcheck_year

__all__ = ["rebuild_selfcheck_year"]
