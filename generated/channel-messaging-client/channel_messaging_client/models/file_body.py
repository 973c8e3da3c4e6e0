from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error

if TYPE_CHECKING:
    from ..models.file_content import FileContent


T = TypeVar("T", bound="FileBody")


@_attrs_define
class FileBody:
    """
    Attributes:
        type_ (Literal['file']):
        file (FileContent):
    """

    type_: Literal["file"]
    file: FileContent

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        file = self.file.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "file": file,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.file_content import FileContent  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("type")
            check_json(_value, "Literal['file']")
            type_ = cast(Literal["file"], _value)
            if type_ != "file":
                raise ValueError(f"type must match const 'file', got '{type_}'")
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        try:
            _value = d.pop("file")
            check_json(_value, "dict[str, Any]")
            file = FileContent.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("file", error) from None

        instance_ = cls(
            type_=type_,
            file=file,
        )

        return instance_
