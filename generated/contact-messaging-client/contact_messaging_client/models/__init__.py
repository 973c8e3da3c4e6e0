"""Contains all the data models used in inputs/outputs"""

from .attachment_message import AttachmentMessage
from .custom_payload_message import CustomPayloadMessage
from .custom_payload_message_payload import CustomPayloadMessagePayload
from .email_attachment import EmailAttachment
from .email_attachment_type import EmailAttachmentType
from .email_message import EmailMessage
from .error import Error
from .media_attachment import MediaAttachment
from .media_attachment_type import MediaAttachmentType
from .message import Message
from .message_list import MessageList
from .message_status_entry import MessageStatusEntry
from .message_status_value import MessageStatusValue
from .message_tag import MessageTag
from .pagination import Pagination
from .quick_reply_message import QuickReplyMessage
from .send_message_request import SendMessageRequest
from .send_message_result import SendMessageResult
from .sender import Sender
from .sender_source import SenderSource
from .text_message import TextMessage
from .traffic import Traffic
from .whatsapp_template import WhatsappTemplate
from .whatsapp_template_component import WhatsappTemplateComponent
from .whatsapp_template_component_sub_type import WhatsappTemplateComponentSubType
from .whatsapp_template_component_type import WhatsappTemplateComponentType
from .whatsapp_template_message import WhatsappTemplateMessage
from .whatsapp_template_parameter import WhatsappTemplateParameter
from .whatsapp_template_parameter_type import WhatsappTemplateParameterType

__all__ = (
    "AttachmentMessage",
    "CustomPayloadMessage",
    "CustomPayloadMessagePayload",
    "EmailAttachment",
    "EmailAttachmentType",
    "EmailMessage",
    "Error",
    "MediaAttachment",
    "MediaAttachmentType",
    "Message",
    "MessageList",
    "MessageStatusEntry",
    "MessageStatusValue",
    "MessageTag",
    "Pagination",
    "QuickReplyMessage",
    "Sender",
    "SenderSource",
    "SendMessageRequest",
    "SendMessageResult",
    "TextMessage",
    "Traffic",
    "WhatsappTemplate",
    "WhatsappTemplateComponent",
    "WhatsappTemplateComponentSubType",
    "WhatsappTemplateComponentType",
    "WhatsappTemplateMessage",
    "WhatsappTemplateParameter",
    "WhatsappTemplateParameterType",
)
