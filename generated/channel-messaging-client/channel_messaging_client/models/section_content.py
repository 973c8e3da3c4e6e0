from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
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

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("sections")
            check_json(_value, "list[dict[str, Any]]")
            sections = []
            _sections = _value
            for sections_item_data_index, sections_item_data in enumerate(_sections):
                try:
                    sections_item = ListContent.from_dict(sections_item_data)

                except (KeyError, TypeError, ValueError, AttributeError) as error:
                    raise field_error(sections_item_data_index, error) from None
                sections.append(sections_item)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("sections", error) from None

        try:
            _value = d.pop("title", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            title = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("title", error) from None

        instance_ = cls(
            sections=sections,
            title=title,
        )

        return instance_
