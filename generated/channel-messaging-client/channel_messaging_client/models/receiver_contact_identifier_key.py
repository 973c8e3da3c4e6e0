from enum import StrEnum


class ReceiverContactIdentifierKey(StrEnum):
    EMAILADDRESS = "emailaddress"
    PHONENUMBER = "phonenumber"

    def __str__(self) -> str:
        return str(self.value)
