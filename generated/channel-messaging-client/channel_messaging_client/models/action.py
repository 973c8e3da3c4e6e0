from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
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
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "str")
            type_ = ActionType(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("text")
            check_json(_value, "str")
            text = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("text", error) from None

        try:
            _value = d.pop("url", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            url = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("url", error) from None

        try:
            _value = d.pop("payload", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            payload = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("payload", error) from None

        instance_ = cls(
            type_=type_,
            text=text,
            url=url,
            payload=payload,
        )

        return instance_
