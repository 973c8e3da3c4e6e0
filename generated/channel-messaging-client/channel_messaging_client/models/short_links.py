from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ShortLinks")


@_attrs_define
class ShortLinks:
    """SMS link shortening options. When using templates, use the template level shortLinks instead.

    Attributes:
        domain (str):
        enabled (bool | Unset):
    """

    domain: str
    enabled: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        domain = self.domain

        enabled = self.enabled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "domain": domain,
            }
        )
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        domain = d.pop("domain")

        enabled = d.pop("enabled", UNSET)

        short_links = cls(
            domain=domain,
            enabled=enabled,
        )

        return short_links
