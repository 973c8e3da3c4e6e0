from enum import StrEnum


class PresignedUploadUploadMethod(StrEnum):
    POST = "POST"

    def __str__(self) -> str:
        return str(self.value)
