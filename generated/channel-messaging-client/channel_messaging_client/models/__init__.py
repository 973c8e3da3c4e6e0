"""Contains all the data models used in inputs/outputs"""

from .action import Action
from .action_type import ActionType
from .authentication_body import AuthenticationBody
from .authentication_content import AuthenticationContent
from .carousel_body import CarouselBody
from .carousel_card import CarouselCard
from .carousel_content import CarouselContent
from .channel_error import ChannelError
from .channel_error_details import ChannelErrorDetails
from .channel_message import ChannelMessage
from .channel_message_list import ChannelMessageList
from .channel_message_status import ChannelMessageStatus
from .connector import Connector
from .coordinates import Coordinates
from .delivered_receiver import DeliveredReceiver
from .direction import Direction
from .file_body import FileBody
from .file_content import FileContent
from .gif_body import GifBody
from .gif_content import GifContent
from .html_body import HtmlBody
from .html_content import HtmlContent
from .image_body import ImageBody
from .image_content import ImageContent
from .list_body import ListBody
from .list_content import ListContent
from .list_item import ListItem
from .location_body import LocationBody
from .location_content import LocationContent
from .media_file import MediaFile
from .media_image import MediaImage
from .message_failure import MessageFailure
from .message_meta import MessageMeta
from .message_meta_extra_information import MessageMetaExtraInformation
from .message_meta_extra_information_use_case import MessageMetaExtraInformationUseCase
from .message_part import MessagePart
from .message_sender import MessageSender
from .message_template import MessageTemplate
from .presigned_upload import PresignedUpload
from .presigned_upload_request import PresignedUploadRequest
from .presigned_upload_upload_form_data import PresignedUploadUploadFormData
from .presigned_upload_upload_method import PresignedUploadUploadMethod
from .receiver import Receiver
from .receiver_contact import ReceiverContact
from .receiver_contact_identifier_key import ReceiverContactIdentifierKey
from .receiver_contact_type import ReceiverContactType
from .resolved_contact import ResolvedContact
from .resolved_contact_identifier_key import ResolvedContactIdentifierKey
from .resolved_contact_type import ResolvedContactType
from .section_body import SectionBody
from .section_content import SectionContent
from .send_channel_message_request import SendChannelMessageRequest
from .short_links import ShortLinks
from .template_parameter import TemplateParameter
from .template_parameter_type import TemplateParameterType
from .text_body import TextBody
from .text_content import TextContent

__all__ = (
    "Action",
    "ActionType",
    "AuthenticationBody",
    "AuthenticationContent",
    "CarouselBody",
    "CarouselCard",
    "CarouselContent",
    "ChannelError",
    "ChannelErrorDetails",
    "ChannelMessage",
    "ChannelMessageList",
    "ChannelMessageStatus",
    "Connector",
    "Coordinates",
    "DeliveredReceiver",
    "Direction",
    "FileBody",
    "FileContent",
    "GifBody",
    "GifContent",
    "HtmlBody",
    "HtmlContent",
    "ImageBody",
    "ImageContent",
    "ListBody",
    "ListContent",
    "ListItem",
    "LocationBody",
    "LocationContent",
    "MediaFile",
    "MediaImage",
    "MessageFailure",
    "MessageMeta",
    "MessageMetaExtraInformation",
    "MessageMetaExtraInformationUseCase",
    "MessagePart",
    "MessageSender",
    "MessageTemplate",
    "PresignedUpload",
    "PresignedUploadRequest",
    "PresignedUploadUploadFormData",
    "PresignedUploadUploadMethod",
    "Receiver",
    "ReceiverContact",
    "ReceiverContactIdentifierKey",
    "ReceiverContactType",
    "ResolvedContact",
    "ResolvedContactIdentifierKey",
    "ResolvedContactType",
    "SectionBody",
    "SectionContent",
    "SendChannelMessageRequest",
    "ShortLinks",
    "TemplateParameter",
    "TemplateParameterType",
    "TextBody",
    "TextContent",
)
