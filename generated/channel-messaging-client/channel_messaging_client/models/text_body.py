from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

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

        d = dict(src_dict)
        type_ = cast(Literal["text"], d.pop("type"))
        if type_ != "text":
            raise ValueError(f"type must match const 'text', got '{type_}'")

        text = TextContent.from_dict(d.pop("text"))

        text_body = cls(
            type_=type_,
            text=text,
        )

        return text_body
