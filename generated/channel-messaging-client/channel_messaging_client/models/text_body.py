from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

if TYPE_CHECKING:
    from ..models.text_content import TextContent


T = TypeVar("T", bound="TextBody")


@_attrs_define
class TextBody:
    """
    Attributes:
        type_ (Literal['text']):
        text (TextContent):
    """

    type_: Literal["text"]
    text: TextContent

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        text = self.text.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.text_content import TextContent  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "Literal['text']")
            type_ = cast(Literal["text"], _value)
            if type_ != "text":
                raise ValueError(f"type must match const 'text', got '{type_}'")
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("text")
            check_json(_value, "dict[str, Any]")
            text = TextContent.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("text", error) from None

        instance_ = cls(
            type_=type_,
            text=text,
        )

        return instance_
