"""A client library for accessing Aelyst Channel Messaging API"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
