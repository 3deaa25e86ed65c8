"""A user's journey through the Todo API, driven only through the generated Python client.

Usage: python journey.py [BASE_URL]   (else $TODO_API_BASE_URL, e.g. http://127.0.0.1:8080/api/v1)
The generated package `todo_api_client` (scripts/sdk-generate -> target/sdk/python) must be
importable; scripts/sdk-journey runs this against a fresh server on each database. The steps about
lists, subtasks, order and sharing (with a second account) are in sharing.py; the offline round
(snapshot, another device, pull the feed) in offline.py.

Prints one line per step; the first failing step is named, and the exit status is 1.
"""

from __future__ import annotations

import json
import math
import os
import secrets
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone

from todo_api_client import (
    ApiClient,
    AuthApi,
    BatchAction,
    BatchRequest,
    Configuration,
    Priority,
    Problem,
    Registration,
    Role,
    TodoCreate,
    TodoSort,
    TodosApi,
    TodoUpdate,
    TokenError,
    TokenErrorCode,
    TokenType,
    UsersApi,
)
from todo_api_client.exceptions import BadRequestException, UnauthorizedException

from offline import OfflineJourney
from sharing import SharingJourney
from support import TIMEOUT, StepFailed, check, expect_error, header

# How long a revoked session may keep working: SESSION_CHECK_TTL_MILLIS (default 2 s, at most 5 s).
REVOCATION_WAIT_SECONDS = 6.0


class Journey:
    def __init__(self, base_url: str) -> None:
        self.config = Configuration(host=base_url)
        self.client = ApiClient(self.config)
        self.auth = AuthApi(self.client)
        self.users = UsersApi(self.client)
        self.todos = TodosApi(self.client)
        run = uuid.uuid4().hex[:12]
        self.email = f"journey-py-{run}@example.com"
        self.password = f"journey {secrets.token_hex(8)}"
        self.created: dict[str, object] = {}  # id -> Todo, every todo this journey created
        self.completed: set[str] = set()

    # --- helpers -------------------------------------------------------------------------------
    def use_token(self, access_token: str) -> None:
        self.config.access_token = access_token

    def password_grant(self):
        res = self.auth.issue_token_with_http_info(
            grant_type="password", username=self.email, password=self.password, _request_timeout=TIMEOUT
        )
        check(res.status_code == 200, f"token: HTTP {res.status_code}")
        check(header(res.headers, "Cache-Control") == "no-store", "token response without Cache-Control: no-store")
        tokens = res.data
        check(tokens.token_type == TokenType.BEARER, f"token_type {tokens.token_type}")
        check(tokens.expires_in > 0, f"expires_in {tokens.expires_in}")
        return tokens

    def refresh_grant(self, refresh_token: str):
        return self.auth.issue_token(grant_type="refresh_token", refresh_token=refresh_token, _request_timeout=TIMEOUT)

    def expect_invalid_grant(self, refresh_token: str, what: str) -> None:
        e = expect_error(lambda: self.refresh_grant(refresh_token), 400)
        check(isinstance(e, BadRequestException), f"{what}: not a BadRequestException: {type(e).__name__}")
        check(isinstance(e.data, TokenError), f"{what}: error body not parsed as TokenError: {e.body}")
        check(e.data.error == TokenErrorCode.INVALID_GRANT, f"{what}: error {e.data.error}, want invalid_grant")

    def list_all(self, **filters) -> tuple[list, int]:
        """Follows next_cursor from the first page until it is null; returns (todos, pages)."""
        seen, pages, cursor = [], 0, None
        while True:
            page = self.todos.list_todos(cursor=cursor, _request_timeout=TIMEOUT, **filters)
            pages += 1
            check(len(page.items) <= filters.get("limit", 20), f"page {pages} has {len(page.items)} items")
            seen.extend(page.items)
            cursor = page.next_cursor
            if cursor is None:
                return seen, pages
            check(pages < 100, "next_cursor never ends")

    # --- steps ---------------------------------------------------------------------------------
    def register(self) -> str:
        res = self.auth.register_with_http_info(
            Registration(email=self.email, password=self.password, display_name="Python Journey"),
            _request_timeout=TIMEOUT,
        )
        check(res.status_code == 201, f"HTTP {res.status_code}")
        user = res.data
        check(user.email == self.email and user.role == Role.USER, f"unexpected account {user}")
        check(bool(header(res.headers, "Location")), "no Location header")
        self.user_id = user.id
        return f"{self.email} ({user.id})"

    def login(self) -> str:
        tokens = self.password_grant()
        self.access, self.refresh = tokens.access_token, tokens.refresh_token
        self.use_token(self.access)
        me = self.users.get_current_user(_request_timeout=TIMEOUT)
        check(me.id == self.user_id, f"/users/me is {me.id}, want {self.user_id}")
        return f"token_type {tokens.token_type.value}, expires_in {tokens.expires_in}s"

    def refresh_rotates(self) -> str:
        old_refresh = self.refresh
        tokens = self.refresh_grant(old_refresh)
        check(tokens.refresh_token != old_refresh, "refresh token not rotated")
        self.use_token(tokens.access_token)
        check(self.users.get_current_user(_request_timeout=TIMEOUT).id == self.user_id, "new access token refused")
        # The used refresh token fails; presenting it again is reuse: the whole session is revoked.
        self.expect_invalid_grant(old_refresh, "old refresh token")
        self.expect_invalid_grant(tokens.refresh_token, "refresh token of a session revoked by reuse")
        return "new pair issued; old refresh token -> 400 invalid_grant; reuse revoked the session"

    def login_again(self) -> str:
        tokens = self.password_grant()
        self.access, self.refresh = tokens.access_token, tokens.refresh_token
        self.use_token(self.access)
        check(self.users.get_current_user(_request_timeout=TIMEOUT).id == self.user_id, "access token refused")
        return "a fresh session for the rest of the journey"

    def create_todos(self) -> str:
        now = datetime.now(timezone.utc)
        specs = [
            # title, priority, tags, due_at
            ("Buy milk", Priority.HIGH, ["journey", "Home"], now + timedelta(days=1)),
            ("Pay rent", Priority.HIGH, ["journey", "home", "money"], now - timedelta(days=1)),
            ("Write report", Priority.NORMAL, ["journey", "work"], now + timedelta(days=3)),
            ("Call Ann", Priority.LOW, ["journey"], None),
            ("Fix <div> layout", Priority.HIGH, ["journey", "work"], now + timedelta(days=2)),
            ("Water plants", Priority.NORMAL, ["journey", "home"], None),
            ("Book flights", Priority.HIGH, ["journey", "travel"], now + timedelta(days=30)),
        ]
        for title, priority, tags, due_at in specs:
            res = self.todos.create_todo_with_http_info(
                TodoCreate(title=title, priority=priority, tags=tags, due_at=due_at), _request_timeout=TIMEOUT
            )
            todo = res.data
            check(res.status_code == 201, f"{title}: HTTP {res.status_code}")
            check(todo.title == title and todo.priority == priority and not todo.completed, f"{title}: got {todo}")
            check(sorted(t.lower() for t in todo.tags) == sorted(t.lower() for t in tags), f"{title}: tags {todo.tags}")
            check(header(res.headers, "ETag") == '"v1"', f"{title}: ETag {header(res.headers, 'ETag')}")
            self.created[todo.id] = todo
        self.ids = list(self.created)
        return f"{len(specs)} todos, tags on each"

    def conditional_get(self) -> str:
        todo_id = self.ids[0]
        res = self.todos.get_todo_with_http_info(todo_id, _request_timeout=TIMEOUT)
        etag = header(res.headers, "ETag")
        check(etag == '"v1"', f"ETag {etag}")
        e = expect_error(lambda: self.todos.get_todo(todo_id, if_none_match=etag, _request_timeout=TIMEOUT), 304)
        check(header(e.headers, "ETag") == etag, f"304 carries ETag {header(e.headers, 'ETag')}")
        self.etag = etag
        return f"If-None-Match {etag} -> 304"

    def update_if_match(self) -> str:
        todo_id = self.ids[0]
        res = self.todos.update_todo_with_http_info(
            todo_id, TodoUpdate(completed=True), if_match=self.etag, _request_timeout=TIMEOUT
        )
        check(res.status_code == 200, f"HTTP {res.status_code}")
        check(res.data.completed and res.data.completed_at is not None, f"not completed: {res.data}")
        new_etag = header(res.headers, "ETag")
        check(new_etag and new_etag != self.etag, f"ETag {new_etag} after update, was {self.etag}")
        self.completed.add(todo_id)
        self.stale_etag = self.etag
        return f"If-Match {self.etag} -> 200, ETag now {new_etag}"

    def stale_if_match(self) -> str:
        todo_id = self.ids[0]
        e = expect_error(
            lambda: self.todos.update_todo(
                todo_id, TodoUpdate(title="Lost update"), if_match=self.stale_etag, _request_timeout=TIMEOUT
            ),
            412,
        )
        check((header(e.headers, "Content-Type") or "").startswith("application/problem+json"), "412 not problem+json")
        check(isinstance(e.data, Problem), f"412 body not parsed as Problem: {e.body}")
        check(e.data.status == 412 and e.data.type.endswith("precondition-failed"), f"problem {e.data}")
        check(json.loads(e.body)["status"] == 412, "raw body status")
        unchanged = self.todos.get_todo(todo_id, _request_timeout=TIMEOUT)
        check(unchanged.title == "Buy milk", f"412 changed the todo: {unchanged.title}")
        return f"stale If-Match -> 412 {e.data.title!r}, todo unchanged"

    def batch_complete(self) -> str:
        ids = [self.ids[2], self.ids[4]]
        result = self.todos.batch_todos(BatchRequest(action=BatchAction.COMPLETE, ids=ids), _request_timeout=TIMEOUT)
        check(result.affected == 2 and all(t.completed for t in result.items), f"batch result {result}")
        self.completed.update(ids)
        return "2 more completed in one batch"

    def idempotent_create(self) -> str:
        key = str(uuid.uuid4())
        body = TodoCreate(title="Renew passport", priority=Priority.NORMAL, tags=["journey-idem"])
        first = self.todos.create_todo_with_http_info(body, idempotency_key=key, _request_timeout=TIMEOUT)
        second = self.todos.create_todo_with_http_info(body, idempotency_key=key, _request_timeout=TIMEOUT)
        check(first.status_code == 201 and second.status_code == 201, f"HTTP {first.status_code}, {second.status_code}")
        check(first.data.id == second.data.id, f"retry created another todo: {first.data.id} vs {second.data.id}")
        check(header(first.headers, "Idempotent-Replayed") != "true", "first response marked as replayed")
        check(header(second.headers, "Idempotent-Replayed") == "true", "retry not marked Idempotent-Replayed: true")
        page = self.todos.list_todos(tag=["journey-idem"], _request_timeout=TIMEOUT)
        check([t.id for t in page.items] == [first.data.id], f"{len(page.items)} todos with the key's body")
        self.created[first.data.id] = first.data
        return f"same Idempotency-Key twice -> one todo {first.data.id}, replayed"

    def list_pages(self) -> str:
        now = datetime.now(timezone.utc)
        cases = [
            # filters, which of the created todos must be listed, how many that is
            (
                dict(tag=["journey"], completed=False, limit=2),
                lambda t: "journey" in t.tags and t.id not in self.completed,
                4,
            ),
            (
                dict(tag=["journey", "HOME"], priority=Priority.HIGH, sort=TodoSort.DueAtAsc, limit=1),
                lambda t: {"journey", "home"} <= {x.lower() for x in t.tags} and t.priority == Priority.HIGH,
                2,
            ),
            (
                dict(due_before=now, overdue=True, limit=1),
                lambda t: t.due_at is not None and t.due_at < now and t.id not in self.completed,
                1,
            ),
        ]
        lines = []
        for filters, wanted, count in cases:
            expected = {i for i, t in self.created.items() if wanted(t)}
            check(len(expected) == count, f"{filters}: the journey expects {count} todos, its data has {len(expected)}")
            seen, pages = self.list_all(**filters)
            ids = [t.id for t in seen]
            check(len(ids) == len(set(ids)), f"{filters}: a todo was repeated across pages")
            check(set(ids) == expected, f"{filters}: saw {sorted(ids)}, want {sorted(expected)}")
            want_pages = max(1, math.ceil(count / filters["limit"]))
            check(pages == want_pages, f"{filters}: {pages} pages for {count} todos, want {want_pages}")
            if "sort" in filters:
                dues = [t.due_at for t in seen]
                check(dues == sorted(dues), f"{filters}: not sorted by due_at")
            lines.append(f"{count} todos in {pages} pages")
        return "; ".join(lines)

    def statistics(self) -> str:
        res = self.users.get_statistics_with_http_info(days=7, _request_timeout=TIMEOUT)
        stats = res.data
        todos = list(self.created.values())
        total, completed = len(todos), len(self.completed)
        now = datetime.now(timezone.utc)
        overdue = sum(1 for t in todos if t.id not in self.completed and t.due_at is not None and t.due_at < now)
        check((stats.total, stats.completed, stats.open) == (total, completed, total - completed),
              f"total/completed/open {stats.total}/{stats.completed}/{stats.open}, want {total}/{completed}/{total - completed}")
        check(stats.overdue == overdue, f"overdue {stats.overdue}, want {overdue}")
        by = {p: sum(1 for t in todos if t.priority == p) for p in Priority}
        got = {Priority.LOW: stats.by_priority.low, Priority.NORMAL: stats.by_priority.normal, Priority.HIGH: stats.by_priority.high}
        check(got == by, f"by_priority {got}, want {by}")
        check(abs(stats.completion_rate - completed / total) < 1e-9, f"completion_rate {stats.completion_rate}")
        check(len(stats.completions_per_day) == 7 and sum(d.count for d in stats.completions_per_day) == completed,
              f"completions_per_day {stats.completions_per_day}")
        top = {t.tag.lower(): t.count for t in stats.top_tags}
        check(top.get("journey") == 7 and top.get("home") == 3, f"top_tags {top}")
        etag = header(res.headers, "ETag")
        expect_error(lambda: self.users.get_statistics(days=7, if_none_match=etag, _request_timeout=TIMEOUT), 304)
        return f"total {total}, completed {completed}, overdue {overdue}, rate {stats.completion_rate:.3f}; If-None-Match -> 304"

    def sessions(self) -> str:
        page = self.auth.list_sessions(_request_timeout=TIMEOUT)
        check(len(page.items) == 1 and page.items[0].current, f"sessions {page.items}")
        self.session_id = page.items[0].id
        return f"one session, current: {self.session_id}"

    def revoke(self) -> str:
        res = self.auth.revoke_token_with_http_info(
            token=self.refresh, token_type_hint="refresh_token", _request_timeout=TIMEOUT
        )
        check(res.status_code == 200, f"HTTP {res.status_code}")
        self.expect_invalid_grant(self.refresh, "revoked refresh token")
        return "RFC 7009 revoke of the refresh token -> 200; it no longer refreshes"

    def access_token_refused(self) -> str:
        deadline = time.monotonic() + REVOCATION_WAIT_SECONDS
        started = time.monotonic()
        while True:
            try:
                self.users.get_current_user(_request_timeout=TIMEOUT)
            except UnauthorizedException as e:
                check(isinstance(e.data, Problem) and e.data.status == 401, f"401 body {e.body}")
                check((header(e.headers, "WWW-Authenticate") or "").startswith("Bearer"), "401 without WWW-Authenticate: Bearer")
                return f"401 after {time.monotonic() - started:.1f} s"
            check(time.monotonic() < deadline, f"access token still accepted {REVOCATION_WAIT_SECONDS} s after revocation")
            time.sleep(0.2)


def main() -> int:
    base_url = (sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TODO_API_BASE_URL", "")).rstrip("/")
    if not base_url:
        print("usage: journey.py BASE_URL (or set TODO_API_BASE_URL)", file=sys.stderr)
        return 2
    j = Journey(base_url)
    steps = [
        ("register", j.register),
        ("password grant", j.login),
        ("refresh rotates", j.refresh_rotates),
        ("password grant again", j.login_again),
        ("create todos with tags", j.create_todos),
        ("conditional GET (If-None-Match)", j.conditional_get),
        ("update with If-Match", j.update_if_match),
        ("stale If-Match -> 412", j.stale_if_match),
        ("batch complete", j.batch_complete),
        ("idempotent create retry", j.idempotent_create),
        ("list with filters across pages", j.list_pages),
        ("statistics", j.statistics),
        *SharingJourney(j).steps(),
        *OfflineJourney(j).steps(),
        ("list sessions", j.sessions),
        ("revoke refresh token", j.revoke),
        ("old access token -> 401", j.access_token_refused),
    ]
    started = time.monotonic()
    for n, (name, step) in enumerate(steps, 1):
        t0 = time.monotonic()
        try:
            detail = step()
        except Exception as e:  # noqa: BLE001 - any failure fails the step, with its message
            kind = "" if isinstance(e, StepFailed) else f"{type(e).__name__}: "
            print(f"FAIL {n:2}. {name}: {kind}{e}", flush=True)
            print(f"python journey: FAILED at step {n} ({name})", file=sys.stderr)
            return 1
        print(f"ok   {n:2}. {name} ({(time.monotonic() - t0) * 1000:.0f} ms): {detail}", flush=True)
    print(f"python journey: {len(steps)} steps passed in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
