from enum import StrEnum


class ResolvedContactIdentifierKey(StrEnum):
    EMAILADDRESS = "emailaddress"
    PHONENUMBER = "phonenumber"

    def __str__(self) -> str:
        return str(self.value)
