from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

T = TypeVar("T", bound="Coordinates")


@_attrs_define
class Coordinates:
    """
    Attributes:
        latitude (float):
        longitude (float):
    """

    latitude: float
    longitude: float

    def to_dict(self) -> dict[str, Any]:
        latitude = self.latitude

        longitude = self.longitude

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "latitude": latitude,
                "longitude": longitude,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("latitude")
            check_json(_value, "float")
            latitude = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("latitude", error) from None

        try:
            _value = d.pop("longitude")
            check_json(_value, "float")
            longitude = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("longitude", error) from None

        instance_ = cls(
            latitude=latitude,
            longitude=longitude,
        )

        return instance_
