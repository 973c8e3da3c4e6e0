from enum import StrEnum


class MessageTag(StrEnum):
    ACCOUNT_UPDATE = "ACCOUNT_UPDATE"
    CONFIRMED_EVENT_UPDATE = "CONFIRMED_EVENT_UPDATE"
    POST_PURCHASE_UPDATE = "POST_PURCHASE_UPDATE"

    def __str__(self) -> str:
        return str(self.value)
