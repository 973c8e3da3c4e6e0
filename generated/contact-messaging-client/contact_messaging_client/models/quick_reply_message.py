from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.message_tag import MessageTag
from ..types import UNSET, Unset

T = TypeVar("T", bound="QuickReplyMessage")


@_attrs_define
class QuickReplyMessage:
    """
    Attributes:
        type_ (Literal['quick_reply']):
        title (str):
        replies (list[str]):
        message_tag (MessageTag | Unset): Required if the channel is facebook or instagram and the message is being sent
            outside the
            standard 24 hour messaging window.
    """

    type_: Literal["quick_reply"]
    title: str
    replies: list[str]
    message_tag: MessageTag | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        title = self.title

        replies = self.replies

        message_tag: str | Unset = UNSET
        if not isinstance(self.message_tag, Unset):
            message_tag = self.message_tag.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "title": title,
                "replies": replies,
            }
        )
        if message_tag is not UNSET:
            field_dict["messageTag"] = message_tag

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["quick_reply"], d.pop("type"))
        if type_ != "quick_reply":
            raise ValueError(f"type must match const 'quick_reply', got '{type_}'")

        title = d.pop("title")

        replies = cast(list[str], d.pop("replies"))

        _message_tag = d.pop("messageTag", UNSET)
        message_tag: MessageTag | Unset
        if isinstance(_message_tag, Unset):
            message_tag = UNSET
        else:
            message_tag = MessageTag(_message_tag)

        quick_reply_message = cls(
            type_=type_,
            title=title,
            replies=replies,
            message_tag=message_tag,
        )

        return quick_reply_message
