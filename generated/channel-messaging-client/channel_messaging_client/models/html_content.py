from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
from ..types import UNSET, Unset

T = TypeVar("T", bound="HtmlContent")


@_attrs_define
class HtmlContent:
    """
    Attributes:
        html (str):
        text (str | Unset): Plain-text alternative.
    """

    html: str
    text: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        html = self.html

        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "html": html,
            }
        )
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("html")
            check_json(_value, "str")
            html = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("html", error) from None

        try:
            _value = d.pop("text", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            text = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("text", error) from None

        instance_ = cls(
            html=html,
            text=text,
        )

        return instance_
