from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..extras import InvalidField, check_json, field_error, variant_error
from ..models.sender_source import SenderSource
from ..types import UNSET, Unset

T = TypeVar("T", bound="Sender")


@_attrs_define
class Sender:
    """Who sent an outgoing message. Incoming messages have no sender.

    Attributes:
        source (SenderSource):
        user_id (int | str | Unset): Integer in practice; the seed's schema says string, its example an integer.
        team_id (int | str | Unset): Integer in practice; the seed's schema says string, its example an integer.
        workflow_id (int | Unset):
        broadcast_history_id (int | Unset):
    """

    source: SenderSource
    user_id: int | str | Unset = UNSET
    team_id: int | str | Unset = UNSET
    workflow_id: int | Unset = UNSET
    broadcast_history_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source = self.source.value

        user_id: int | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        team_id: int | str | Unset
        if isinstance(self.team_id, Unset):
            team_id = UNSET
        else:
            team_id = self.team_id

        workflow_id = self.workflow_id

        broadcast_history_id = self.broadcast_history_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source": source,
            }
        )
        if user_id is not UNSET:
            field_dict["userId"] = user_id
        if team_id is not UNSET:
            field_dict["teamId"] = team_id
        if workflow_id is not UNSET:
            field_dict["workflowId"] = workflow_id
        if broadcast_history_id is not UNSET:
            field_dict["broadcastHistoryId"] = broadcast_history_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("source")
            check_json(_value, "str")
            source = SenderSource(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("source", error) from None

        try:
            _value = d.pop("userId", UNSET)

            def _parse_user_id(data: object) -> int | str | Unset:
                if isinstance(data, Unset):
                    return data
                check_json(data, "int | str")
                variant_errors: list[Exception] = []
                try:
                    check_json(data, "int | str")
                    return cast(int | str | Unset, data)
                except InvalidField as error:
                    variant_errors.append(error)
                raise variant_error(variant_errors)

            user_id = _parse_user_id(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("userId", error) from None

        try:
            _value = d.pop("teamId", UNSET)

            def _parse_team_id(data: object) -> int | str | Unset:
                if isinstance(data, Unset):
                    return data
                check_json(data, "int | str")
                variant_errors: list[Exception] = []
                try:
                    check_json(data, "int | str")
                    return cast(int | str | Unset, data)
                except InvalidField as error:
                    variant_errors.append(error)
                raise variant_error(variant_errors)

            team_id = _parse_team_id(_value)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("teamId", error) from None

        try:
            _value = d.pop("workflowId", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "int")
            workflow_id = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("workflowId", error) from None

        try:
            _value = d.pop("broadcastHistoryId", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "int")
            broadcast_history_id = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("broadcastHistoryId", error) from None

        instance_ = cls(
            source=source,
            user_id=user_id,
            team_id=team_id,
            workflow_id=workflow_id,
            broadcast_history_id=broadcast_history_id,
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
