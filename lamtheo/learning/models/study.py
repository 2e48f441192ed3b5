"""Study of the topic: sessions (hội nghị học tập, quán triệt chuyên đề) and attendance."""

from __future__ import annotations

__all__: list[str] = []
