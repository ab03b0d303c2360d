"""Authentication for Jira requests that never shows the secret in a repr or a message."""

from __future__ import annotations

import base64

import requests

from stacklens_desktop.jira.models import Deployment


class TokenAuth(requests.auth.AuthBase):
    """Cloud: HTTP Basic ``email:api_token``. Data Center: ``Bearer <personal access token>``.

    A DC PAT sent as a Basic password does not work, and a Cloud token as Bearer neither, so
    the scheme follows the deployment.
    """

    def __init__(self, deployment: Deployment, username: str, token: str) -> None:
        self.deployment = deployment
        self.username = username
        self._token = token

    @property
    def scheme(self) -> str:
        return "Basic" if self.deployment is Deployment.CLOUD else "Bearer"

    def header_value(self) -> str:
        if self.deployment is Deployment.CLOUD:
            raw = f"{self.username}:{self._token}".encode()
            return "Basic " + base64.b64encode(raw).decode("ascii")
        return f"Bearer {self._token}"

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = self.header_value()
        return request

    def scrub(self, text: str) -> str:
        """Remove the token (and its Basic encoding) from any text, just in case."""
        if not self._token:
            return text
        for secret in (self._token, self.header_value().split(" ", 1)[1]):
            text = text.replace(secret, "***")
        return text

    def __repr__(self) -> str:
        return f"TokenAuth({self.scheme}, user={self.username!r}, token=***)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, TokenAuth)
            and other.deployment is self.deployment
            and other.username == self.username
            and other._token == self._token
        )

    __hash__ = None  # type: ignore[assignment]
