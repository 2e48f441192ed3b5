"""The cell's meetings (sinh hoạt chi bộ định kỳ, chuyên đề), attendance and minutes."""

from __future__ import annotations

__all__: list[str] = []
