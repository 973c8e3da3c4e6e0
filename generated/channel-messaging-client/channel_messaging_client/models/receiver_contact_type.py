from enum import StrEnum


class ReceiverContactType(StrEnum):
    BCC = "bcc"
    CC = "cc"
    TO = "to"

    def __str__(self) -> str:
        return str(self.value)
