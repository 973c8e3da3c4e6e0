from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.media_image import MediaImage


T = TypeVar("T", bound="ImageContent")


@_attrs_define
class ImageContent:
    """
    Attributes:
        images (list[MediaImage]):
        text (str | Unset):
    """

    images: list[MediaImage]
    text: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        images = []
        for images_item_data in self.images:
            images_item = images_item_data.to_dict()
            images.append(images_item)

        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "images": images,
            }
        )
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.media_image import MediaImage  # noqa: PLC0415

        d = dict(src_dict)
        images = []
        _images = d.pop("images")
        for images_item_data in _images:
            images_item = MediaImage.from_dict(images_item_data)

            images.append(images_item)

        text = d.pop("text", UNSET)

        image_content = cls(
            images=images,
            text=text,
        )

        return image_content
