"""One JSON shape for every error the API answers, whatever raised it.

``{"error": {"status": 404, "title": "Not Found", "message": "...", "details": null}}``;
``details`` lists the invalid fields of a 422 and is null otherwise.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from ..errors import ConfigError, IngestError, StoreError, TidingsError
from .responses import SafeJSONResponse

log = logging.getLogger(__name__)


def error_body(status: int, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    return {"error": {"status": status, "title": title, "message": message, "details": details}}


def error_response(status: int, message: str, details: list[dict[str, Any]] | None = None,
                   headers: dict[str, str] | None = None) -> SafeJSONResponse:
    return SafeJSONResponse(error_body(status, message, details), status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    # pydantic's error dicts may carry the offending input and exception objects: keep the
    # plain parts only (the input is the client's own, and may be large).
    return [
        {"loc": [str(part) for part in err.get("loc", ())], "msg": str(err.get("msg", "")),
         "type": str(err.get("type", ""))}
        for err in exc.errors()
    ]


async def _http_error(request: Request, exc: HTTPException) -> SafeJSONResponse:
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: RequestValidationError) -> SafeJSONResponse:
    details = _validation_details(exc)
    first = details[0] if details else {"loc": [], "msg": "invalid request"}
    where = ".".join(first["loc"])
    return error_response(422, f"{where}: {first['msg']}" if where else first["msg"], details)


async def _tidings_error(request: Request, exc: TidingsError) -> SafeJSONResponse:
    if isinstance(exc, ConfigError | IngestError):
        return error_response(400, str(exc))
    # Store and other failures name paths and SQL: they go to the log, not to the client.
    log.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
    if isinstance(exc, StoreError):
        return error_response(500, "the store could not answer; the server log has the details")
    return error_response(500, "internal error; the server log has the details")


async def _unexpected(request: Request, exc: Exception) -> SafeJSONResponse:
    log.exception("unexpected error on %s", request.url.path)
    return error_response(500, "internal error; the server log has the details")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(TidingsError, _tidings_error)
    app.add_exception_handler(Exception, _unexpected)
