from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..extras import InvalidField, check_json, field_error
from ..models.receiver_contact_identifier_key import ReceiverContactIdentifierKey
from ..models.receiver_contact_type import ReceiverContactType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReceiverContact")


@_attrs_define
class ReceiverContact:
    """Either `id`, or `identifierKey` with `identifierValue`.

    Attributes:
        id (UUID | Unset):
        identifier_key (ReceiverContactIdentifierKey | Unset):
        identifier_value (str | Unset):
        type_ (ReceiverContactType | Unset):
    """

    id: UUID | Unset = UNSET
    identifier_key: ReceiverContactIdentifierKey | Unset = UNSET
    identifier_value: str | Unset = UNSET
    type_: ReceiverContactType | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id: str | Unset = UNSET
        if not isinstance(self.id, Unset):
            id = str(self.id)

        identifier_key: str | Unset = UNSET
        if not isinstance(self.identifier_key, Unset):
            identifier_key = self.identifier_key.value

        identifier_value = self.identifier_value

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if identifier_key is not UNSET:
            field_dict["identifierKey"] = identifier_key
        if identifier_value is not UNSET:
            field_dict["identifierValue"] = identifier_value
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("id", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            _id = _value
            id: UUID | Unset
            if isinstance(_id, Unset):
                id = UNSET
            else:
                id = UUID(_id)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("id", error) from None

        try:
            _value = d.pop("identifierKey", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            _identifier_key = _value
            identifier_key: ReceiverContactIdentifierKey | Unset
            if isinstance(_identifier_key, Unset):
                identifier_key = UNSET
            else:
                identifier_key = ReceiverContactIdentifierKey(_identifier_key)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("identifierKey", error) from None

        try:
            _value = d.pop("identifierValue", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            identifier_value = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("identifierValue", error) from None

        try:
            _value = d.pop("type", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            _type_ = _value
            type_: ReceiverContactType | Unset
            if isinstance(_type_, Unset):
                type_ = UNSET
            else:
                type_ = ReceiverContactType(_type_)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("type", error) from None

        instance_ = cls(
            id=id,
            identifier_key=identifier_key,
            identifier_value=identifier_value,
            type_=type_,
        )

        return instance_
