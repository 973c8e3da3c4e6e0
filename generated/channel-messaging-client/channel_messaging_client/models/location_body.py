from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

if TYPE_CHECKING:
    from ..models.location_content import LocationContent


T = TypeVar("T", bound="LocationBody")


@_attrs_define
class LocationBody:
    """
    Attributes:
        type_ (Literal['location']):
        location (LocationContent):
    """

    type_: Literal["location"]
    location: LocationContent

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        location = self.location.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "location": location,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.location_content import LocationContent  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "Literal['location']")
            type_ = cast(Literal["location"], _value)
            if type_ != "location":
                raise ValueError(f"type must match const 'location', got '{type_}'")
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("location")
            check_json(_value, "dict[str, Any]")
            location = LocationContent.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("location", error) from None

        instance_ = cls(
            type_=type_,
            location=location,
        )

        return instance_
