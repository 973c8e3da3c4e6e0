from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
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

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("files")
            check_json(_value, "list[dict[str, Any]]")
            files = []
            _files = _value
            for files_item_data_index, files_item_data in enumerate(_files):
                try:
                    files_item = MediaFile.from_dict(files_item_data)

                except (KeyError, TypeError, ValueError, AttributeError) as error:
                    raise field_error(files_item_data_index, error) from None
                files.append(files_item)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("files", error) from None

        try:
            _value = d.pop("text", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            text = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("text", error) from None

        instance_ = cls(
            files=files,
            text=text,
        )

        return instance_
