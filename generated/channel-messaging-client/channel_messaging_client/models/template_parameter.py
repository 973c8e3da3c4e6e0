from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.template_parameter_type import TemplateParameterType

T = TypeVar("T", bound="TemplateParameter")


@_attrs_define
class TemplateParameter:
    """
    Attributes:
        type_ (TemplateParameterType):
        key (str):
        value (str):
    """

    type_: TemplateParameterType
    key: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        key = self.key

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "key": key,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = TemplateParameterType(d.pop("type"))

        key = d.pop("key")

        value = d.pop("value")

        template_parameter = cls(
            type_=type_,
            key=key,
            value=value,
        )

        return template_parameter
