from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.message import Message
from ...types import Response, status_code_from_int


def _get_kwargs(
    identifier: str,
    message_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/contact/{identifier}/message/{message_id}".format(
            identifier=quote(str(identifier), safe=""),
            message_id=quote(str(message_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Message | None:
    if response.status_code == 200:
        response_200 = Message.from_dict(response.json())

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

    if response.status_code == 449:
        response_449 = Error.from_dict(response.json())

        return response_449

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Message]:
    try:
        parsed = _parse_response(client=client, response=response)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise errors.ResponseParseError.from_error("get_message", response, error) from error
    return Response(
        status_code=status_code_from_int(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    identifier: str,
    message_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | Message]:
    """Get a message

     Retrieves a message based on the message ID. You can get the message ID that was returned
    upon sending through Send a message endpoint.

    Args:
        identifier (str): `id:<digits>`, `email:<address>` or `phone:<E.164 number>`.
        message_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Message]
    """

    kwargs = _get_kwargs(
        identifier=identifier,
        message_id=message_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    identifier: str,
    message_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Error | Message | None:
    """Get a message

     Retrieves a message based on the message ID. You can get the message ID that was returned
    upon sending through Send a message endpoint.

    Args:
        identifier (str): `id:<digits>`, `email:<address>` or `phone:<E.164 number>`.
        message_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Message
    """

    return sync_detailed(
        identifier=identifier,
        message_id=message_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    identifier: str,
    message_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | Message]:
    """Get a message

     Retrieves a message based on the message ID. You can get the message ID that was returned
    upon sending through Send a message endpoint.

    Args:
        identifier (str): `id:<digits>`, `email:<address>` or `phone:<E.164 number>`.
        message_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Message]
    """

    kwargs = _get_kwargs(
        identifier=identifier,
        message_id=message_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    identifier: str,
    message_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Error | Message | None:
    """Get a message

     Retrieves a message based on the message ID. You can get the message ID that was returned
    upon sending through Send a message endpoint.

    Args:
        identifier (str): `id:<digits>`, `email:<address>` or `phone:<E.164 number>`.
        message_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Message
    """

    return (
        await asyncio_detailed(
            identifier=identifier,
            message_id=message_id,
            client=client,
        )
    ).parsed
