from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

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

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "Literal['section']")
            type_ = cast(Literal["section"], _value)
            if type_ != "section":
                raise ValueError(f"type must match const 'section', got '{type_}'")
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("section")
            check_json(_value, "dict[str, Any]")
            section = SectionContent.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("section", error) from None

        instance_ = cls(
            type_=type_,
            section=section,
        )

        return instance_
