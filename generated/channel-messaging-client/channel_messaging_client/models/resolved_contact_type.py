from enum import StrEnum


class ResolvedContactType(StrEnum):
    BCC = "bcc"
    CC = "cc"
    TO = "to"

    def __str__(self) -> str:
        return str(self.value)
