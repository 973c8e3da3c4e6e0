from enum import StrEnum


class MessageMetaExtraInformationUseCase(StrEnum):
    CONVERSATIONAL = "conversational"
    MARKETING = "marketing"
    TRANSACTIONAL = "transactional"

    def __str__(self) -> str:
        return str(self.value)
