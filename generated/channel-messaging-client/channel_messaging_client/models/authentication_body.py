from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

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

        d = dict(src_dict)
        type_ = cast(Literal["authentication"], d.pop("type"))
        if type_ != "authentication":
            raise ValueError(f"type must match const 'authentication', got '{type_}'")

        authentication = AuthenticationContent.from_dict(d.pop("authentication"))

        authentication_body = cls(
            type_=type_,
            authentication=authentication,
        )

        return authentication_body
