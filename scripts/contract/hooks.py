"""Schemathesis hooks for the contract tests (scripts/contract-test; consumers: see README).

Loaded with SCHEMATHESIS_HOOKS=hooks (PYTHONPATH=scripts/contract). They only touch
*positive* test cases, the ones Schemathesis expects the API to accept, and only for
values that no schema can make valid by construction:

- `cursor`: an opaque, HMAC-signed position the server issues in `next_cursor`; a random
  string is rightly 400. Positive cases list the first page instead. Negative cases and
  the stateful phase (cursors from real responses) are untouched.
- `Idempotency-Key`: a client's unique key per intent; Schemathesis reusing one key for
  two different bodies is rightly 422 (IETF idempotency-key draft). Positive cases get a
  fresh key, so the key-reuse answer is left to the API tests.
- The member run (CONTRACT_SHARED_LIST_ID, CONTRACT_SHARED_TODO_ID set): positive cases name
  the list shared with the caller and its todo instead of random ids (see `_name_shared`).
- `updateFlags`: `registration`, `maintenance` and `sharing` are kill switches; a run that
  closed registration, put the server into maintenance or switched sharing off would see its
  later writes or invitations refused (rightly 403/503). Every case (positive or not) sets them to their defaults (open, off)
  only; the other flags gate nothing yet and are left as generated. The API tests switch
  them. (The examples phase does not pass through this hook: the contract's example for
  `FlagsUpdate` is therefore a harmless one.)
"""

import os
import uuid

import schemathesis
from schemathesis import GenerationMode


# The "member" run of scripts/contract-test: a list shared with the caller (as editor) and a
# todo in it. Positive cases name them instead of random ids, so that the run reaches what an
# editor of someone else's list may do (and gets 403 for what only owners may).
SHARED_LIST_ID = os.environ.get("CONTRACT_SHARED_LIST_ID")
SHARED_TODO_ID = os.environ.get("CONTRACT_SHARED_TODO_ID")

SAFE_FLAGS = {"registration": True, "maintenance": False, "sharing": True}


def _keep_switches_safe(case) -> None:
    """Any case (also negative ones, which may be valid apart from a header): a boolean
    for a kill switch becomes its default; other values are left to be rejected."""
    if isinstance(case.body, dict):
        for name, safe in SAFE_FLAGS.items():
            if isinstance(case.body.get(name), bool):
                case.body[name] = safe


def _positive(case) -> bool:
    meta = case.meta
    return meta is not None and meta.generation.mode == GenerationMode.POSITIVE


@schemathesis.hook
def map_case(ctx, case):
    if case.method.upper() == "PATCH" and case.path.endswith("/admin/flags"):
        _keep_switches_safe(case)
    if not _positive(case):
        return case
    if case.query and "cursor" in case.query:
        case.query = {k: v for k, v in case.query.items() if k != "cursor"}
    if SHARED_LIST_ID:
        _name_shared(case)
    if case.headers:
        for name in list(case.headers):
            if name.lower() == "idempotency-key":
                case.headers[name] = str(uuid.uuid4())
    return case


def _name_shared(case) -> None:
    """Positive cases of the member run: the shared list and todo in place of random ids."""
    if case.path_parameters:
        if "listId" in case.path_parameters:
            case.path_parameters["listId"] = SHARED_LIST_ID
        if "todoId" in case.path_parameters and SHARED_TODO_ID:
            case.path_parameters["todoId"] = SHARED_TODO_ID
    if case.query and "list_id" in case.query:
        case.query["list_id"] = SHARED_LIST_ID
    if isinstance(case.body, dict) and "list_id" in case.body:
        case.body["list_id"] = SHARED_LIST_ID
