from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.gif_content import GifContent


T = TypeVar("T", bound="GifBody")


@_attrs_define
class GifBody:
    """
    Attributes:
        type_ (Literal['gif']):
        gif (GifContent):
    """

    type_: Literal["gif"]
    gif: GifContent

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        gif = self.gif.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "gif": gif,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.gif_content import GifContent  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["gif"], d.pop("type"))
        if type_ != "gif":
            raise ValueError(f"type must match const 'gif', got '{type_}'")

        gif = GifContent.from_dict(d.pop("gif"))

        gif_body = cls(
            type_=type_,
            gif=gif,
        )

        return gif_body
