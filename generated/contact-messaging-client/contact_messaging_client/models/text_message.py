from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.message_tag import MessageTag
from ..types import UNSET, Unset

T = TypeVar("T", bound="TextMessage")


@_attrs_define
class TextMessage:
    """
    Attributes:
        type_ (Literal['text']):
        text (str):
        message_tag (MessageTag | Unset): Required if the channel is facebook or instagram and the message is being sent
            outside the
            standard 24 hour messaging window.
    """

    type_: Literal["text"]
    text: str
    message_tag: MessageTag | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        text = self.text

        message_tag: str | Unset = UNSET
        if not isinstance(self.message_tag, Unset):
            message_tag = self.message_tag.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "text": text,
            }
        )
        if message_tag is not UNSET:
            field_dict["messageTag"] = message_tag

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["text"], d.pop("type"))
        if type_ != "text":
            raise ValueError(f"type must match const 'text', got '{type_}'")

        text = d.pop("text")

        _message_tag = d.pop("messageTag", UNSET)
        message_tag: MessageTag | Unset
        if isinstance(_message_tag, Unset):
            message_tag = UNSET
        else:
            message_tag = MessageTag(_message_tag)

        text_message = cls(
            type_=type_,
            text=text,
            message_tag=message_tag,
        )

        return text_message
