from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.image_content import ImageContent


T = TypeVar("T", bound="ImageBody")


@_attrs_define
class ImageBody:
    """
    Attributes:
        type_ (Literal['image']):
        image (ImageContent):
    """

    type_: Literal["image"]
    image: ImageContent

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        image = self.image.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "image": image,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.image_content import ImageContent  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["image"], d.pop("type"))
        if type_ != "image":
            raise ValueError(f"type must match const 'image', got '{type_}'")

        image = ImageContent.from_dict(d.pop("image"))

        image_body = cls(
            type_=type_,
            image=image,
        )

        return image_body
