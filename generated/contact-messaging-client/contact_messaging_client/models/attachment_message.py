from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

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

        d = dict(src_dict)
        type_ = cast(Literal["attachment"], d.pop("type"))
        if type_ != "attachment":
            raise ValueError(f"type must match const 'attachment', got '{type_}'")

        attachment = MediaAttachment.from_dict(d.pop("attachment"))

        _message_tag = d.pop("messageTag", UNSET)
        message_tag: MessageTag | Unset
        if isinstance(_message_tag, Unset):
            message_tag = UNSET
        else:
            message_tag = MessageTag(_message_tag)

        attachment_message = cls(
            type_=type_,
            attachment=attachment,
            message_tag=message_tag,
        )

        return attachment_message
