from enum import StrEnum


class WhatsappTemplateComponentSubType(StrEnum):
    COPY_CODE = "copy_code"
    QUICK_REPLY = "quick_reply"
    URL = "url"

    def __str__(self) -> str:
        return str(self.value)
