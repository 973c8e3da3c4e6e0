from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..extras import InvalidField, check_json, field_error, variant_error
from ..models.traffic import Traffic
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attachment_message import AttachmentMessage
    from ..models.custom_payload_message import CustomPayloadMessage
    from ..models.email_message import EmailMessage
    from ..models.message_status_entry import MessageStatusEntry
    from ..models.quick_reply_message import QuickReplyMessage
    from ..models.sender import Sender
    from ..models.text_message import TextMessage
    from ..models.whatsapp_template_message import WhatsappTemplateMessage


T = TypeVar("T", bound="Message")


@_attrs_define
class Message:
    """
    Attributes:
        message_id (int): Unique ID of the message (the same range as the `messageId` path parameter).
        contact_id (int): ID of the contact to which the message was sent.
        channel_id (int):
        traffic (Traffic): Defines if the message was received or sent
        channel_message_id (int | str | Unset): The message's id on the channel's platform.
        message (AttachmentMessage | CustomPayloadMessage | EmailMessage | QuickReplyMessage | TextMessage | Unset |
            WhatsappTemplateMessage): One of the message types; `type` tells which.
        status (list[MessageStatusEntry] | Unset): The delivery statuses of the message, oldest first. Outgoing messages
            only.
        sender (Sender | Unset): Who sent an outgoing message. Incoming messages have no sender.
    """

    message_id: int
    contact_id: int
    channel_id: int
    traffic: Traffic
    channel_message_id: int | str | Unset = UNSET
    message: (
        AttachmentMessage
        | CustomPayloadMessage
        | EmailMessage
        | QuickReplyMessage
        | TextMessage
        | Unset
        | WhatsappTemplateMessage
    ) = UNSET
    status: list[MessageStatusEntry] | Unset = UNSET
    sender: Sender | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.attachment_message import AttachmentMessage  # noqa: PLC0415
        from ..models.custom_payload_message import CustomPayloadMessage  # noqa: PLC0415
        from ..models.email_message import EmailMessage  # noqa: PLC0415
        from ..models.quick_reply_message import QuickReplyMessage  # noqa: PLC0415
        from ..models.text_message import TextMessage  # noqa: PLC0415

        message_id = self.message_id

        contact_id = self.contact_id

        channel_id = self.channel_id

        traffic = self.traffic.value

        channel_message_id: int | str | Unset
        if isinstance(self.channel_message_id, Unset):
            channel_message_id = UNSET
        else:
            channel_message_id = self.channel_message_id

        message: dict[str, Any] | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        elif isinstance(self.message, TextMessage):
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

        status: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = []
            for status_item_data in self.status:
                status_item = status_item_data.to_dict()
                status.append(status_item)

        sender: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sender, Unset):
            sender = self.sender.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "messageId": message_id,
                "contactId": contact_id,
                "channelId": channel_id,
                "traffic": traffic,
            }
        )
        if channel_message_id is not UNSET:
            field_dict["channelMessageId"] = channel_message_id
        if message is not UNSET:
            field_dict["message"] = message
        if status is not UNSET:
            field_dict["status"] = status
        if sender is not UNSET:
            field_dict["sender"] = sender

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attachment_message import AttachmentMessage  # noqa: PLC0415
        from ..models.custom_payload_message import CustomPayloadMessage  # noqa: PLC0415
        from ..models.email_message import EmailMessage  # noqa: PLC0415
        from ..models.message_status_entry import MessageStatusEntry  # noqa: PLC0415
        from ..models.quick_reply_message import QuickReplyMessage  # noqa: PLC0415
        from ..models.sender import Sender  # noqa: PLC0415
        from ..models.text_message import TextMessage  # noqa: PLC0415
        from ..models.whatsapp_template_message import WhatsappTemplateMessage  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("messageId")
            check_json(_value, "int")
            message_id = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("messageId", error) from None

        try:
            _value = d.pop("contactId")
            check_json(_value, "int")
            contact_id = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("contactId", error) from None

        try:
            _value = d.pop("channelId")
            check_json(_value, "int")
            channel_id = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("channelId", error) from None

        try:
            _value = d.pop("traffic")
            check_json(_value, "str")
            traffic = Traffic(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("traffic", error) from None

        try:
            _value = d.pop("channelMessageId", UNSET)

            def _parse_channel_message_id(data: object) -> int | str | Unset:
                if isinstance(data, Unset):
                    return data
                check_json(data, "int | str")
                variant_errors: list[Exception] = []
                try:
                    check_json(data, "str | int")
                    return cast(int | str | Unset, data)
                except InvalidField as error:
                    variant_errors.append(error)
                raise variant_error(variant_errors)

            channel_message_id = _parse_channel_message_id(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("channelMessageId", error) from None

        try:
            _value = d.pop("message", UNSET)

            def _parse_message(
                data: object,
            ) -> (
                AttachmentMessage
                | CustomPayloadMessage
                | EmailMessage
                | QuickReplyMessage
                | TextMessage
                | Unset
                | WhatsappTemplateMessage
            ):
                if isinstance(data, Unset):
                    return data
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
            _value = d.pop("status", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "list[dict[str, Any]]")
            _status = _value
            status: list[MessageStatusEntry] | Unset = UNSET
            if _status is not UNSET:
                status = []
                for status_item_data_index, status_item_data in enumerate(_status):
                    try:
                        status_item = MessageStatusEntry.from_dict(status_item_data)

                    except (KeyError, TypeError, ValueError, AttributeError) as error:
                        raise field_error(status_item_data_index, error) from None
                    status.append(status_item)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("status", error) from None

        try:
            _value = d.pop("sender", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "dict[str, Any]")
            _sender = _value
            sender: Sender | Unset
            if isinstance(_sender, Unset):
                sender = UNSET
            else:
                sender = Sender.from_dict(_sender)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("sender", error) from None

        instance_ = cls(
            message_id=message_id,
            contact_id=contact_id,
            channel_id=channel_id,
            traffic=traffic,
            channel_message_id=channel_message_id,
            message=message,
            status=status,
            sender=sender,
        )

        instance_.additional_properties = d
        return instance_

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
