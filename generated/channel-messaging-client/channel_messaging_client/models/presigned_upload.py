from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..extras import InvalidField, check_json, field_error
from ..models.presigned_upload_upload_method import PresignedUploadUploadMethod

if TYPE_CHECKING:
    from ..models.presigned_upload_upload_form_data import PresignedUploadUploadFormData


T = TypeVar("T", bound="PresignedUpload")


@_attrs_define
class PresignedUpload:
    """
    Attributes:
        media_url (str): The URL to use in message bodies once the file is uploaded: in messages of this
            workspace only (and of this channel, for a channel-scoped upload), however it is
            spelled (rule `channel:media-owner`).
        upload_url (str): Where to POST the multipart form.
        upload_method (PresignedUploadUploadMethod):
        upload_form_data (PresignedUploadUploadFormData): Fields to send as form data, before the `file` field.
    """

    media_url: str
    upload_url: str
    upload_method: PresignedUploadUploadMethod
    upload_form_data: PresignedUploadUploadFormData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        media_url = self.media_url

        upload_url = self.upload_url

        upload_method = self.upload_method.value

        upload_form_data = self.upload_form_data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mediaUrl": media_url,
                "uploadUrl": upload_url,
                "uploadMethod": upload_method,
                "uploadFormData": upload_form_data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.presigned_upload_upload_form_data import PresignedUploadUploadFormData  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("mediaUrl")
            check_json(_value, "str")
            media_url = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("mediaUrl", error) from None

        try:
            _value = d.pop("uploadUrl")
            check_json(_value, "str")
            upload_url = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("uploadUrl", error) from None

        try:
            _value = d.pop("uploadMethod")
            check_json(_value, "str")
            upload_method = PresignedUploadUploadMethod(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("uploadMethod", error) from None

        try:
            _value = d.pop("uploadFormData")
            check_json(_value, "dict[str, Any]")
            upload_form_data = PresignedUploadUploadFormData.from_dict(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("uploadFormData", error) from None

        instance_ = cls(
            media_url=media_url,
            upload_url=upload_url,
            upload_method=upload_method,
            upload_form_data=upload_form_data,
        )

        instance_.additional_properties = d
        return instance_

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
