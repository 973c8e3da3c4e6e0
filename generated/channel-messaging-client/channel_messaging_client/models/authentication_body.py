from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

if TYPE_CHECKING:
    from ..models.authentication_content import AuthenticationContent


T = TypeVar("T", bound="AuthenticationBody")


@_attrs_define
class AuthenticationBody:
    """
    Attributes:
        type_ (Literal['authentication']):
        authentication (AuthenticationContent):
    """

    type_: Literal["authentication"]
    authentication: AuthenticationContent

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        authentication = self.authentication.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "authentication": authentication,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.authentication_content import AuthenticationContent  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "Literal['authentication']")
            type_ = cast(Literal["authentication"], _value)
            if type_ != "authentication":
                raise ValueError(f"type must match const 'authentication', got '{type_}'")
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("authentication")
            check_json(_value, "dict[str, Any]")
            authentication = AuthenticationContent.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("authentication", error) from None

        instance_ = cls(
            type_=type_,
            authentication=authentication,
        )

        return instance_
