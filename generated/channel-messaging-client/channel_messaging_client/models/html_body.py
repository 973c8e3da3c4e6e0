from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

if TYPE_CHECKING:
    from ..models.html_content import HtmlContent


T = TypeVar("T", bound="HtmlBody")


@_attrs_define
class HtmlBody:
    """Only on email channels (rule `channel:html-email-only`).

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

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "Literal['html']")
            type_ = cast(Literal["html"], _value)
            if type_ != "html":
                raise ValueError(f"type must match const 'html', got '{type_}'")
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("html")
            check_json(_value, "dict[str, Any]")
            html = HtmlContent.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("html", error) from None

        instance_ = cls(
            type_=type_,
            html=html,
        )

        return instance_
