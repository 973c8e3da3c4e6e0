from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..extras import InvalidField, check_json, field_error
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.channel_message import ChannelMessage


T = TypeVar("T", bound="ChannelMessageList")


@_attrs_define
class ChannelMessageList:
    """
    Attributes:
        results (list[ChannelMessage]):
        next_page_token (str | Unset): The token that can be passed as pageToken in URL to retrieve the next set of
            results. If missing, no more results to display.
    """

    results: list[ChannelMessage]
    next_page_token: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        next_page_token = self.next_page_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "results": results,
            }
        )
        if next_page_token is not UNSET:
            field_dict["nextPageToken"] = next_page_token

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel_message import ChannelMessage  # noqa: PLC0415

        if not isinstance(src_dict, Mapping):
            raise InvalidField(f"expected object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        try:
            _value = d.pop("results")
            check_json(_value, "list[dict[str, Any]]")
            results = []
            _results = _value
            for results_item_data_index, results_item_data in enumerate(_results):
                try:
                    results_item = ChannelMessage.from_dict(results_item_data)

                except (KeyError, TypeError, ValueError, AttributeError) as error:
                    raise field_error(results_item_data_index, error) from None
                results.append(results_item)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("results", error) from None

        try:
            _value = d.pop("nextPageToken", UNSET)
            if not isinstance(_value, Unset):
                check_json(_value, "str")
            next_page_token = _value
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("nextPageToken", error) from None

        instance_ = cls(
            results=results,
            next_page_token=next_page_token,
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
