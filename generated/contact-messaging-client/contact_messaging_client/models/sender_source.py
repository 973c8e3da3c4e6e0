from enum import StrEnum


class SenderSource(StrEnum):
    AI_AGENT = "ai_agent"
    API = "api"
    BROADCAST = "broadcast"
    ECHO = "echo"
    USER = "user"
    WORKFLOW = "workflow"

    def __str__(self) -> str:
        return str(self.value)
