from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

T = TypeVar("T", bound="PresignedUploadRequest")


@_attrs_define
class PresignedUploadRequest:
    """
    Attributes:
        content_type (str): The media type of the file that will be uploaded, e.g. image/png.
    """

    content_type: str

    def to_dict(self) -> dict[str, Any]:
        content_type = self.content_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "contentType": content_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("contentType")
            check_json(_value, "str")
            content_type = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("contentType", error) from None

        instance_ = cls(
            content_type=content_type,
        )

        return instance_
