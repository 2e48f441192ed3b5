"""Documents a committee issues for the campaign, and their cascade to recipient units."""

from __future__ import annotations
