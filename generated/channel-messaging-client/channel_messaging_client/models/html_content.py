from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

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
        d = dict(src_dict)
        html = d.pop("html")

        text = d.pop("text", UNSET)

        html_content = cls(
            html=html,
            text=text,
        )

        return html_content
