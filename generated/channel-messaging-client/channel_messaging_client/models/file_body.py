from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

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

        d = dict(src_dict)
        type_ = cast(Literal["file"], d.pop("type"))
        if type_ != "file":
            raise ValueError(f"type must match const 'file', got '{type_}'")

        file = FileContent.from_dict(d.pop("file"))

        file_body = cls(
            type_=type_,
            file=file,
        )

        return file_body
