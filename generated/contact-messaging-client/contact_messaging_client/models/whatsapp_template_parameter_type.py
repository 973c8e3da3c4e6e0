from enum import StrEnum


class WhatsappTemplateParameterType(StrEnum):
    CURRENCY = "currency"
    DATE_TIME = "date_time"
    DOCUMENT = "document"
    IMAGE = "image"
    PAYLOAD = "payload"
    TEXT = "text"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)
