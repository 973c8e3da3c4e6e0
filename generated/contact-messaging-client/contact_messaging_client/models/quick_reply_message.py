from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
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
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "Literal['quick_reply']")
            type_ = cast(Literal["quick_reply"], _value)
            if type_ != "quick_reply":
                raise ValueError(f"type must match const 'quick_reply', got '{type_}'")
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("title")
            check_json(_value, "str")
            title = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("title", error) from None

        try:
            _value = d.pop("replies")
            check_json(_value, "list[str]")
            replies = cast(list[str], _value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("replies", error) from None

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
            title=title,
            replies=replies,
            message_tag=message_tag,
        )

        return instance_
