from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.section_content import SectionContent


T = TypeVar("T", bound="SectionBody")


@_attrs_define
class SectionBody:
    """
    Attributes:
        type_ (Literal['section']):
        section (SectionContent):
    """

    type_: Literal["section"]
    section: SectionContent

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        section = self.section.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "section": section,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.section_content import SectionContent  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["section"], d.pop("type"))
        if type_ != "section":
            raise ValueError(f"type must match const 'section', got '{type_}'")

        section = SectionContent.from_dict(d.pop("section"))

        section_body = cls(
            type_=type_,
            section=section,
        )

        return section_body
