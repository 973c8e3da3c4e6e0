from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
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

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("images")
            check_json(_value, "list[dict[str, Any]]")
            images = []
            _images = _value
            for images_item_data_index, images_item_data in enumerate(_images):
                try:
                    images_item = MediaImage.from_dict(images_item_data)

                except (KeyError, TypeError, ValueError, AttributeError) as error:
                    raise field_error(images_item_data_index, error) from None
                images.append(images_item)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("images", error) from None

        try:
            _value = d.pop("text", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            text = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("text", error) from None

        instance_ = cls(
            images=images,
            text=text,
        )

        return instance_
