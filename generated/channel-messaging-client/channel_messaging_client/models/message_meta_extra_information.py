from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
from ..models.message_meta_extra_information_use_case import MessageMetaExtraInformationUseCase
from ..types import UNSET, Unset

T = TypeVar("T", bound="MessageMetaExtraInformation")


@_attrs_define
class MessageMetaExtraInformation:
    """
    Attributes:
        use_case (MessageMetaExtraInformationUseCase | Unset):
    """

    use_case: MessageMetaExtraInformationUseCase | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        use_case: str | Unset = UNSET
        if not isinstance(self.use_case, Unset):
            use_case = self.use_case.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if use_case is not UNSET:
            field_dict["useCase"] = use_case

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("useCase", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            _use_case = _value
            use_case: MessageMetaExtraInformationUseCase | Unset
            if isinstance(_use_case, Unset):
                use_case = UNSET
            else:
                use_case = MessageMetaExtraInformationUseCase(_use_case)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("useCase", error) from None

        instance_ = cls(
            use_case=use_case,
        )

        return instance_
