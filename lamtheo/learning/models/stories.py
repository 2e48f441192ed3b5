"""Short stories and sayings about Hồ Chí Minh's example, read at the morning briefing."""

from __future__ import annotations

__all__: list[str] = []
