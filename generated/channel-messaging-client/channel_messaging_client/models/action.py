from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.action_type import ActionType
from ..types import UNSET, Unset

T = TypeVar("T", bound="Action")


@_attrs_define
class Action:
    """
    Attributes:
        type_ (ActionType):
        text (str):
        url (str | Unset):
        payload (str | Unset):
    """

    type_: ActionType
    text: str
    url: str | Unset = UNSET
    payload: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        text = self.text

        url = self.url

        payload = self.payload

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "text": text,
            }
        )
        if url is not UNSET:
            field_dict["url"] = url
        if payload is not UNSET:
            field_dict["payload"] = payload

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = ActionType(d.pop("type"))

        text = d.pop("text")

        url = d.pop("url", UNSET)

        payload = d.pop("payload", UNSET)

        action = cls(
            type_=type_,
            text=text,
            url=url,
            payload=payload,
        )

        return action
