from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.media_file import MediaFile


T = TypeVar("T", bound="FileContent")


@_attrs_define
class FileContent:
    """
    Attributes:
        files (list[MediaFile]):
        text (str | Unset):
    """

    files: list[MediaFile]
    text: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        files = []
        for files_item_data in self.files:
            files_item = files_item_data.to_dict()
            files.append(files_item)

        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "files": files,
            }
        )
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.media_file import MediaFile  # noqa: PLC0415

        d = dict(src_dict)
        files = []
        _files = d.pop("files")
        for files_item_data in _files:
            files_item = MediaFile.from_dict(files_item_data)

            files.append(files_item)

        text = d.pop("text", UNSET)

        file_content = cls(
            files=files,
            text=text,
        )

        return file_content
