from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.list_content import ListContent


T = TypeVar("T", bound="SectionContent")


@_attrs_define
class SectionContent:
    """
    Attributes:
        sections (list[ListContent]):
        title (str | Unset):
    """

    sections: list[ListContent]
    title: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        sections = []
        for sections_item_data in self.sections:
            sections_item = sections_item_data.to_dict()
            sections.append(sections_item)

        title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "sections": sections,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.list_content import ListContent  # noqa: PLC0415

        d = dict(src_dict)
        sections = []
        _sections = d.pop("sections")
        for sections_item_data in _sections:
            sections_item = ListContent.from_dict(sections_item_data)

            sections.append(sections_item)

        title = d.pop("title", UNSET)

        section_content = cls(
            sections=sections,
            title=title,
        )

        return section_content
