"""Transitional: removed when the demo calls core.figures.

lamtheo/campaign/demo.py calls `rebuild_selfcheck_year(year)` (→
`lamtheo.core.figures.rebuild_year(year)`, or this app's keeper through the registry).
Nothing else may import this module.
"""

from lamtheo.handbook.figures import rebuild_selfcheck_year

__all__ = ["rebuild_selfcheck_year"]
