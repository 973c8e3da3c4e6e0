from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PresignedUploadRequest")


@_attrs_define
class PresignedUploadRequest:
    """
    Attributes:
        content_type (str): The media type of the file that will be uploaded, e.g. image/png.
    """

    content_type: str

    def to_dict(self) -> dict[str, Any]:
        content_type = self.content_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "contentType": content_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content_type = d.pop("contentType")

        presigned_upload_request = cls(
            content_type=content_type,
        )

        return presigned_upload_request
