"""Helpers shared by the journey's steps (journey.py, sharing.py): failing a step, headers, errors."""

from __future__ import annotations

from todo_api_client import ApiException

TIMEOUT = 10.0  # seconds, per request


class StepFailed(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


def header(headers, name: str):
    """A response header, by case-insensitive name: the client's ApiResponse.headers is a plain dict
    keyed as the server spelled them (lower case), while ApiException.headers is case-insensitive."""
    wanted = name.lower()
    return next((v for k, v in (headers or {}).items() if k.lower() == wanted), None)


def expect_error(call, status: int):
    """Runs `call`, which must raise the client's ApiException with this HTTP status; returns it."""
    try:
        result = call()
    except ApiException as e:
        check(e.status == status, f"expected HTTP {status}, got {e.status}: {e.body}")
        return e
    raise StepFailed(f"expected HTTP {status}, got a success: {result!r}")
