from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
from ..models.message_tag import MessageTag
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.media_attachment import MediaAttachment


T = TypeVar("T", bound="AttachmentMessage")


@_attrs_define
class AttachmentMessage:
    """
    Attributes:
        type_ (Literal['attachment']):
        attachment (MediaAttachment):
        message_tag (MessageTag | Unset): Required if the channel is facebook or instagram and the message is being sent
            outside the
            standard 24 hour messaging window.
    """

    type_: Literal["attachment"]
    attachment: MediaAttachment
    message_tag: MessageTag | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        attachment = self.attachment.to_dict()

        message_tag: str | Unset = UNSET
        if not isinstance(self.message_tag, Unset):
            message_tag = self.message_tag.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "attachment": attachment,
            }
        )
        if message_tag is not UNSET:
            field_dict["messageTag"] = message_tag

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.media_attachment import MediaAttachment  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "Literal['attachment']")
            type_ = cast(Literal["attachment"], _value)
            if type_ != "attachment":
                raise ValueError(f"type must match const 'attachment', got '{type_}'")
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("attachment")
            check_json(_value, "dict[str, Any]")
            attachment = MediaAttachment.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("attachment", error) from None

        try:
            _value = d.pop("messageTag", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            _message_tag = _value
            message_tag: MessageTag | Unset
            if isinstance(_message_tag, Unset):
                message_tag = UNSET
            else:
                message_tag = MessageTag(_message_tag)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("messageTag", error) from None

        instance_ = cls(
            type_=type_,
            attachment=attachment,
            message_tag=message_tag,
        )

        return instance_
