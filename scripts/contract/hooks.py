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
- `updateFlags`: `registration` and `maintenance` are kill switches; a run that closed
  registration or put the server into maintenance would see its later writes refused
  (rightly 403/503). Every case (positive or not) sets them to their defaults (open, off)
  only; the other flags gate nothing yet and are left as generated. The API tests switch
  them. (The examples phase does not pass through this hook: the contract's example for
  `FlagsUpdate` is therefore a harmless one.)
"""

import uuid

import schemathesis
from schemathesis import GenerationMode


SAFE_FLAGS = {"registration": True, "maintenance": False}


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
    if case.headers:
        for name in list(case.headers):
            if name.lower() == "idempotency-key":
                case.headers[name] = str(uuid.uuid4())
    return case
