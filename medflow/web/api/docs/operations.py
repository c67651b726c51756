"""Building blocks of the OpenAPI document's operations: answers, errors, bodies and parameters."""

from __future__ import annotations

from typing import Any

from medflow.web.api.docs.schemas import ID, ref

ERRORS = {
    400: "Bad input: the message names the field.", 401: "No live API token.",
    403: "Not allowed.", 404: "Not found, or not visible to the caller.",
    409: "A stale version, or not possible in the case's state.", 413: "The body is over the size limit.",
    429: "Too many refused tokens from this address: wait Retry-After seconds.",
}
SUCCESS = {200: "OK", 201: "Created", 204: "Done; no body."}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    """Wrap a schema as JSON content (the only media type the API speaks)."""
    return {"content": {"application/json": {"schema": schema}}}


def _answers(status: int, schema: dict[str, Any] | None, errors: tuple[int, ...]) -> dict[str, Any]:
    """Return the success answer (204: no body) and the error answers an operation can give."""
    success = {"description": SUCCESS[status], **(_json(schema) if schema is not None else {})}
    result = {str(status): success}
    for code in (400, 401, *errors, 429):
        result[str(code)] = {"description": ERRORS[code], **_json(ref("Error"))}
    return result


def op(op_id: str, summary: str, answer: dict[str, Any] | None, *errors: int, status: int = 200,
       body: dict[str, Any] | None = None, params: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Return one operation; every operation may answer 400, 401 and 429 too."""
    errors = (*errors, 413) if body is not None else errors
    result = {"operationId": op_id, "summary": summary, "responses": _answers(status, answer, errors)}
    if body is not None:
        result["requestBody"] = {"required": True, **_json(body)}
    if params:
        result["parameters"] = params
    return result


def path_id(name: str) -> dict[str, Any]:
    """Return an id path parameter, bounded like every id."""
    return {"name": name, "in": "path", "required": True, "schema": ID}
