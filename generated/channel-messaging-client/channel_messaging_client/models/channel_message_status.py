from enum import StrEnum


class ChannelMessageStatus(StrEnum):
    ACCEPTED = "accepted"
    DELETED = "deleted"
    DELIVERED = "delivered"
    DELIVERY_FAILED = "delivery_failed"
    PROCESSING = "processing"
    REJECTED = "rejected"
    SCHEDULED = "scheduled"
    SENDING_FAILED = "sending_failed"
    SENT = "sent"
    SKIPPED = "skipped"

    def __str__(self) -> str:
        return str(self.value)
