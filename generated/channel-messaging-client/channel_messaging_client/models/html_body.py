from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.html_content import HtmlContent


T = TypeVar("T", bound="HtmlBody")


@_attrs_define
class HtmlBody:
    """
    Attributes:
        type_ (Literal['html']):
        html (HtmlContent):
    """

    type_: Literal["html"]
    html: HtmlContent

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        html = self.html.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "html": html,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.html_content import HtmlContent  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["html"], d.pop("type"))
        if type_ != "html":
            raise ValueError(f"type must match const 'html', got '{type_}'")

        html = HtmlContent.from_dict(d.pop("html"))

        html_body = cls(
            type_=type_,
            html=html,
        )

        return html_body
