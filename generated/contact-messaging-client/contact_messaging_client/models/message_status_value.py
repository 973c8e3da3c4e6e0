from enum import StrEnum


class MessageStatusValue(StrEnum):
    DELIVERED = "delivered"
    FAILED = "failed"
    PENDING = "pending"
    READ = "read"
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)
