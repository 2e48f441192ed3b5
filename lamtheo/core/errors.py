from __future__ import annotations


class DomainError(Exception):
    """A rule of the campaign refused the action; the message is for the person, in Vietnamese."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class StaleRecord(DomainError):
    def __init__(self) -> None:
        super().__init__(
            "Bản ghi này vừa được người khác thay đổi sau khi đồng chí mở trang. "
            "Thay đổi của đồng chí chưa được lưu; vui lòng tải lại trang để xem bản mới nhất "
            "rồi nhập lại."
        )
