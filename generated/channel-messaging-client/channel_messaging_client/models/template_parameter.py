from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
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
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "str")
            type_ = TemplateParameterType(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("key")
            check_json(_value, "str")
            key = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("key", error) from None

        try:
            _value = d.pop("value")
            check_json(_value, "str")
            value = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("value", error) from None

        instance_ = cls(
            type_=type_,
            key=key,
            value=value,
        )

        return instance_
