from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

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

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "Literal['image']")
            type_ = cast(Literal["image"], _value)
            if type_ != "image":
                raise ValueError(f"type must match const 'image', got '{type_}'")
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("image")
            check_json(_value, "dict[str, Any]")
            image = ImageContent.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("image", error) from None

        instance_ = cls(
            type_=type_,
            image=image,
        )

        return instance_
