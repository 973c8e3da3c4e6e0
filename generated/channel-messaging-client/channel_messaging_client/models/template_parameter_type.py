from enum import StrEnum


class TemplateParameterType(StrEnum):
    STRING = "string"

    def __str__(self) -> str:
        return str(self.value)
