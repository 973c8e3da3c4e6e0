from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

T = TypeVar("T", bound="AuthenticationContent")


@_attrs_define
class AuthenticationContent:
    """
    Attributes:
        code (str): The one-time code.
    """

    code: str

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("code")
            check_json(_value, "str")
            code = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("code", error) from None

        instance_ = cls(
            code=code,
        )

        return instance_
