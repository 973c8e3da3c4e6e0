from enum import StrEnum


class ActionType(StrEnum):
    LINK = "link"
    POSTBACK = "postback"
    REPLY = "reply"

    def __str__(self) -> str:
        return str(self.value)
