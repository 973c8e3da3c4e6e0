from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error, variant_error
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attachment_message import AttachmentMessage
    from ..models.custom_payload_message import CustomPayloadMessage
    from ..models.email_message import EmailMessage
    from ..models.quick_reply_message import QuickReplyMessage
    from ..models.text_message import TextMessage
    from ..models.whatsapp_template_message import WhatsappTemplateMessage


T = TypeVar("T", bound="SendMessageRequest")


@_attrs_define
class SendMessageRequest:
    """
    Attributes:
        message (AttachmentMessage | CustomPayloadMessage | EmailMessage | QuickReplyMessage | TextMessage |
            WhatsappTemplateMessage): One of the message types; `type` tells which.
        channel_id (int | None | Unset): ID of the channel to send the message on. null to send message on the last
            interacted
            channel (if any).
    """

    message: (
        AttachmentMessage
        | CustomPayloadMessage
        | EmailMessage
        | QuickReplyMessage
        | TextMessage
        | WhatsappTemplateMessage
    )
    channel_id: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.attachment_message import AttachmentMessage  # noqa: PLC0415
        from ..models.custom_payload_message import CustomPayloadMessage  # noqa: PLC0415
        from ..models.email_message import EmailMessage  # noqa: PLC0415
        from ..models.quick_reply_message import QuickReplyMessage  # noqa: PLC0415
        from ..models.text_message import TextMessage  # noqa: PLC0415

        message: dict[str, Any]
        if isinstance(self.message, TextMessage):
            message = self.message.to_dict()
        elif isinstance(self.message, AttachmentMessage):
            message = self.message.to_dict()
        elif isinstance(self.message, CustomPayloadMessage):
            message = self.message.to_dict()
        elif isinstance(self.message, QuickReplyMessage):
            message = self.message.to_dict()
        elif isinstance(self.message, EmailMessage):
            message = self.message.to_dict()
        else:
            message = self.message.to_dict()

        channel_id: int | None | Unset
        if isinstance(self.channel_id, Unset):
            channel_id = UNSET
        else:
            channel_id = self.channel_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "message": message,
            }
        )
        if channel_id is not UNSET:
            field_dict["channelId"] = channel_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attachment_message import AttachmentMessage  # noqa: PLC0415
        from ..models.custom_payload_message import CustomPayloadMessage  # noqa: PLC0415
        from ..models.email_message import EmailMessage  # noqa: PLC0415
        from ..models.quick_reply_message import QuickReplyMessage  # noqa: PLC0415
        from ..models.text_message import TextMessage  # noqa: PLC0415
        from ..models.whatsapp_template_message import WhatsappTemplateMessage  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("message")

            def _parse_message(
                data: object,
            ) -> (
                AttachmentMessage
                | CustomPayloadMessage
                | EmailMessage
                | QuickReplyMessage
                | TextMessage
                | WhatsappTemplateMessage
            ):
                check_json(data, "dict[str, Any]")
                variant_errors: list[Exception] = []
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_content_type_0 = TextMessage.from_dict(data)

                    return componentsschemas_message_content_type_0
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    variant_errors.append(error)
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_content_type_1 = AttachmentMessage.from_dict(data)

                    return componentsschemas_message_content_type_1
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    variant_errors.append(error)
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_content_type_2 = CustomPayloadMessage.from_dict(data)

                    return componentsschemas_message_content_type_2
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    variant_errors.append(error)
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_content_type_3 = QuickReplyMessage.from_dict(data)

                    return componentsschemas_message_content_type_3
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    variant_errors.append(error)
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_content_type_4 = EmailMessage.from_dict(data)

                    return componentsschemas_message_content_type_4
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    variant_errors.append(error)
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_content_type_5 = WhatsappTemplateMessage.from_dict(data)

                    return componentsschemas_message_content_type_5
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    variant_errors.append(error)
                raise variant_error(variant_errors)

            message = _parse_message(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("message", error) from None

        try:
            _value = d.pop("channelId", UNSET)

            def _parse_channel_id(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                check_json(data, "int | None")
                variant_errors: list[Exception] = []
                try:
                    check_json(data, "int | None")
                    return cast(int | None | Unset, data)
                except InvalidField as error:
                    variant_errors.append(error)
                raise variant_error(variant_errors)

            channel_id = _parse_channel_id(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("channelId", error) from None

        instance_ = cls(
            message=message,
            channel_id=channel_id,
        )

        return instance_
