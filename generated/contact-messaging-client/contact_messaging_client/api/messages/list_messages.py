from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.message_list import MessageList
from ...types import UNSET, Response, Unset, status_code_from_int


def _get_kwargs(
    identifier: str,
    *,
    limit: int | Unset = 10,
    cursor_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursorId"] = cursor_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/contact/{identifier}/message/list".format(
            identifier=quote(str(identifier), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | MessageList | None:
    if response.status_code == 200:
        response_200 = MessageList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | MessageList]:
    try:
        parsed = _parse_response(client=client, response=response)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise errors.ResponseParseError.from_error("list_messages", response, error) from error
    return Response(
        status_code=status_code_from_int(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    identifier: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    cursor_id: str | Unset = UNSET,
) -> Response[Error | MessageList]:
    """List messages

     List all messages of a specific contact, oldest first, a page at a time. Follow
    `pagination.next` until it is the empty string; `pagination.previous` goes back a page and
    is the empty string on the first page.

    Args:
        identifier (str): `id:<digits>`, `email:<address>` or `phone:<E.164 number>`.
        limit (int | Unset):  Default: 10.
        cursor_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | MessageList]
    """

    kwargs = _get_kwargs(
        identifier=identifier,
        limit=limit,
        cursor_id=cursor_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    identifier: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    cursor_id: str | Unset = UNSET,
) -> Error | MessageList | None:
    """List messages

     List all messages of a specific contact, oldest first, a page at a time. Follow
    `pagination.next` until it is the empty string; `pagination.previous` goes back a page and
    is the empty string on the first page.

    Args:
        identifier (str): `id:<digits>`, `email:<address>` or `phone:<E.164 number>`.
        limit (int | Unset):  Default: 10.
        cursor_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | MessageList
    """

    return sync_detailed(
        identifier=identifier,
        client=client,
        limit=limit,
        cursor_id=cursor_id,
    ).parsed


async def asyncio_detailed(
    identifier: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    cursor_id: str | Unset = UNSET,
) -> Response[Error | MessageList]:
    """List messages

     List all messages of a specific contact, oldest first, a page at a time. Follow
    `pagination.next` until it is the empty string; `pagination.previous` goes back a page and
    is the empty string on the first page.

    Args:
        identifier (str): `id:<digits>`, `email:<address>` or `phone:<E.164 number>`.
        limit (int | Unset):  Default: 10.
        cursor_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | MessageList]
    """

    kwargs = _get_kwargs(
        identifier=identifier,
        limit=limit,
        cursor_id=cursor_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    identifier: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    cursor_id: str | Unset = UNSET,
) -> Error | MessageList | None:
    """List messages

     List all messages of a specific contact, oldest first, a page at a time. Follow
    `pagination.next` until it is the empty string; `pagination.previous` goes back a page and
    is the empty string on the first page.

    Args:
        identifier (str): `id:<digits>`, `email:<address>` or `phone:<E.164 number>`.
        limit (int | Unset):  Default: 10.
        cursor_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | MessageList
    """

    return (
        await asyncio_detailed(
            identifier=identifier,
            client=client,
            limit=limit,
            cursor_id=cursor_id,
        )
    ).parsed
