from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.channel_error import ChannelError
from ...models.channel_message_list import ChannelMessageList
from ...types import UNSET, Response, Unset, status_code_from_int


def _get_kwargs(
    workspace_id: UUID,
    *,
    limit: int | Unset = 10,
    page_token: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["pageToken"] = page_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/workspaces/{workspace_id}/messages".format(
            workspace_id=quote(str(workspace_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChannelError | ChannelMessageList | None:
    if response.status_code == 200:
        response_200 = ChannelMessageList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ChannelError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ChannelError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ChannelError.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ChannelError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ChannelError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ChannelError | ChannelMessageList]:
    try:
        parsed = _parse_response(client=client, response=response)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise errors.ResponseParseError.from_error("list_workspace_messages", response, error) from error
    return Response(
        status_code=status_code_from_int(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    workspace_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    page_token: str | Unset = UNSET,
) -> Response[ChannelError | ChannelMessageList]:
    """Retrieve list of messages of a workspace

     Every channel's messages of the workspace, newest first.

    Args:
        workspace_id (UUID):
        limit (int | Unset):  Default: 10.
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChannelError | ChannelMessageList]
    """

    kwargs = _get_kwargs(
        workspace_id=workspace_id,
        limit=limit,
        page_token=page_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    page_token: str | Unset = UNSET,
) -> ChannelError | ChannelMessageList | None:
    """Retrieve list of messages of a workspace

     Every channel's messages of the workspace, newest first.

    Args:
        workspace_id (UUID):
        limit (int | Unset):  Default: 10.
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChannelError | ChannelMessageList
    """

    return sync_detailed(
        workspace_id=workspace_id,
        client=client,
        limit=limit,
        page_token=page_token,
    ).parsed


async def asyncio_detailed(
    workspace_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    page_token: str | Unset = UNSET,
) -> Response[ChannelError | ChannelMessageList]:
    """Retrieve list of messages of a workspace

     Every channel's messages of the workspace, newest first.

    Args:
        workspace_id (UUID):
        limit (int | Unset):  Default: 10.
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChannelError | ChannelMessageList]
    """

    kwargs = _get_kwargs(
        workspace_id=workspace_id,
        limit=limit,
        page_token=page_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    page_token: str | Unset = UNSET,
) -> ChannelError | ChannelMessageList | None:
    """Retrieve list of messages of a workspace

     Every channel's messages of the workspace, newest first.

    Args:
        workspace_id (UUID):
        limit (int | Unset):  Default: 10.
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChannelError | ChannelMessageList
    """

    return (
        await asyncio_detailed(
            workspace_id=workspace_id,
            client=client,
            limit=limit,
            page_token=page_token,
        )
    ).parsed
