from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.channel_error import ChannelError
from ...models.presigned_upload import PresignedUpload
from ...models.presigned_upload_request import PresignedUploadRequest
from ...types import Response, status_code_from_int


def _get_kwargs(
    workspace_id: UUID,
    *,
    body: PresignedUploadRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workspaces/{workspace_id}/presigned-upload".format(
            workspace_id=quote(str(workspace_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChannelError | PresignedUpload | None:
    if response.status_code == 200:
        response_200 = PresignedUpload.from_dict(response.json())

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

    if response.status_code == 422:
        response_422 = ChannelError.from_dict(response.json())

        return response_422

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
) -> Response[ChannelError | PresignedUpload]:
    try:
        parsed = _parse_response(client=client, response=response)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise errors.ResponseParseError.from_error("create_presigned_upload", response, error) from error
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
    body: PresignedUploadRequest,
) -> Response[ChannelError | PresignedUpload]:
    """Create a presigned media upload

     Channel-independent: the uploaded media can be used on any channel of the workspace. Upload
    with a multipart POST to `uploadUrl` carrying every `uploadFormData` field plus `file`; no
    access key is needed on that call; it answers 204 and accepts at most 100 MiB. Then use
    `mediaUrl` in message bodies.

    Args:
        workspace_id (UUID):
        body (PresignedUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChannelError | PresignedUpload]
    """

    kwargs = _get_kwargs(
        workspace_id=workspace_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: PresignedUploadRequest,
) -> ChannelError | PresignedUpload | None:
    """Create a presigned media upload

     Channel-independent: the uploaded media can be used on any channel of the workspace. Upload
    with a multipart POST to `uploadUrl` carrying every `uploadFormData` field plus `file`; no
    access key is needed on that call; it answers 204 and accepts at most 100 MiB. Then use
    `mediaUrl` in message bodies.

    Args:
        workspace_id (UUID):
        body (PresignedUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChannelError | PresignedUpload
    """

    return sync_detailed(
        workspace_id=workspace_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    workspace_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: PresignedUploadRequest,
) -> Response[ChannelError | PresignedUpload]:
    """Create a presigned media upload

     Channel-independent: the uploaded media can be used on any channel of the workspace. Upload
    with a multipart POST to `uploadUrl` carrying every `uploadFormData` field plus `file`; no
    access key is needed on that call; it answers 204 and accepts at most 100 MiB. Then use
    `mediaUrl` in message bodies.

    Args:
        workspace_id (UUID):
        body (PresignedUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChannelError | PresignedUpload]
    """

    kwargs = _get_kwargs(
        workspace_id=workspace_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: PresignedUploadRequest,
) -> ChannelError | PresignedUpload | None:
    """Create a presigned media upload

     Channel-independent: the uploaded media can be used on any channel of the workspace. Upload
    with a multipart POST to `uploadUrl` carrying every `uploadFormData` field plus `file`; no
    access key is needed on that call; it answers 204 and accepts at most 100 MiB. Then use
    `mediaUrl` in message bodies.

    Args:
        workspace_id (UUID):
        body (PresignedUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChannelError | PresignedUpload
    """

    return (
        await asyncio_detailed(
            workspace_id=workspace_id,
            client=client,
            body=body,
        )
    ).parsed
