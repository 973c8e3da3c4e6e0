from enum import StrEnum


class WhatsappTemplateComponentType(StrEnum):
    BODY = "body"
    BUTTONS = "buttons"
    FOOTER = "footer"
    HEADER = "header"

    def __str__(self) -> str:
        return str(self.value)
