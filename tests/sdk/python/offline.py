"""The journey's offline round (journey.py runs it): sync through the generated Python client.

Device A (the journey's client) takes a snapshot with getSync, paging until has_more is false.
Device B (another client of the same account) changes things meanwhile: a create with a client id
(replayed, as an offline queue does: 200, unchanged), an update, a delete (replayed: 204 again).
Device A pulls the feed from its cursor and must arrive at exactly what GET /todos and GET /lists
give; the feed may lag by a running transaction (ADR 0026), so the pull is retried for a while.
"""

from __future__ import annotations

import time
import uuid

from todo_api_client import (
    ApiClient,
    ChangesApi,
    Configuration,
    ListsApi,
    SyncKind,
    SyncOp,
    TodoCreate,
    TodosApi,
    TodoUpdate,
)

from support import TIMEOUT, check

SETTLE_SECONDS = 10.0


class Replica:
    """A device's local copy, built only from the feed."""

    def __init__(self) -> None:
        self.todos: dict[str, dict] = {}
        self.lists: dict[str, dict] = {}
        self.members: dict[tuple[str, str], dict] = {}
        self.cursor: str | None = None

    def apply(self, change) -> None:
        key, list_id = str(change.id), str(change.list_id)
        if change.op == SyncOp.UPSERT:
            if change.kind == SyncKind.TODO:
                self.todos[key] = change.todo.to_dict()
            elif change.kind == SyncKind.LIST:
                self.lists[key] = change.list.to_dict()
            else:
                self.members[(list_id, key)] = change.member.to_dict()
        elif change.kind == SyncKind.TODO:
            self.todos.pop(key, None)
        elif change.kind == SyncKind.MEMBER:
            self.members.pop((list_id, key), None)
        else:  # a list lost: with its todos and members
            self.lists.pop(key, None)
            self.todos = {k: v for k, v in self.todos.items() if str(v["list_id"]) != key}
            self.members = {k: v for k, v in self.members.items() if k[0] != key}

    def pull(self, changes: ChangesApi) -> int:
        """Pages the feed from the stored cursor until caught up; the number of changes applied."""
        applied = 0
        while True:
            page = changes.get_sync(cursor=self.cursor, limit=50, _request_timeout=TIMEOUT)
            for change in page.changes:
                self.apply(change)
            applied += len(page.changes)
            self.cursor = page.next_cursor
            if not page.has_more:
                return applied


class OfflineJourney:
    def __init__(self, owner) -> None:
        """`owner` is the main journey (journey.Journey): its client carries its current token."""
        self.owner = owner
        self.changes = ChangesApi(owner.client)
        self.todos = TodosApi(owner.client)
        self.lists = ListsApi(owner.client)
        self.replica = Replica()
        self.client_id = str(uuid.uuid4())

    def device_b(self) -> TodosApi:
        """Another device of the same account: a client of its own with the account's token."""
        config = Configuration(host=self.owner.config.host)
        config.access_token = self.owner.config.access_token
        return TodosApi(ApiClient(config))

    def steps(self):
        return [
            ("offline: snapshot via getSync", self.snapshot),
            ("offline: another device creates (replayed), updates, deletes (replayed)", self.other_device),
            ("offline: pull the feed -> the same state as GET", self.pull),
        ]

    def server_state(self) -> tuple[dict, dict]:
        todos, cursor = {}, None
        while True:
            page = self.todos.list_todos(limit=100, cursor=cursor, _request_timeout=TIMEOUT)
            todos.update({str(t.id): t.to_dict() for t in page.items})
            cursor = page.next_cursor
            if not cursor:
                break
        lists = {str(lst.id): lst.to_dict() for lst in self.lists.list_lists(limit=100, _request_timeout=TIMEOUT).items}
        return todos, lists

    def snapshot(self) -> str:
        applied = self.replica.pull(self.changes)
        check(applied > 0 and self.replica.lists, f"empty snapshot ({applied} changes)")
        check(all(v["list_id"] for v in self.replica.todos.values()), "a todo without a list in the snapshot")
        return f"{len(self.replica.todos)} todos, {len(self.replica.lists)} lists in {applied} changes"

    def other_device(self) -> str:
        b = self.device_b()
        first = b.create_todo_with_http_info(TodoCreate(id=self.client_id, title="Made offline"), _request_timeout=TIMEOUT)
        check(first.status_code == 201, f"create with a client id: HTTP {first.status_code}")
        check(str(first.data.id) == self.client_id, f"the server changed the id to {first.data.id}")
        replay = b.create_todo_with_http_info(TodoCreate(id=self.client_id, title="Made offline, sent again"), _request_timeout=TIMEOUT)
        check(replay.status_code == 200, f"replayed create: HTTP {replay.status_code}, expected 200")
        check(replay.data.title == "Made offline", f"the replay changed the todo: {replay.data.title!r}")
        others = [t for t in self.replica.todos.values() if str(t["id"]) != self.client_id]
        check(len(others) >= 2, "the snapshot has fewer than two todos to change")
        updated, deleted = str(others[0]["id"]), str(others[1]["id"])
        b.update_todo(updated, TodoUpdate(title="Renamed on device B", completed=True), _request_timeout=TIMEOUT)
        gone = b.delete_todo_with_http_info(deleted, _request_timeout=TIMEOUT)
        again = b.delete_todo_with_http_info(deleted, _request_timeout=TIMEOUT)
        check((gone.status_code, again.status_code) == (204, 204), f"delete, replayed: HTTP {gone.status_code}, {again.status_code}")
        self.expected = {"created": self.client_id, "updated": updated, "deleted": deleted}
        return f"created {self.client_id[-8:]}, updated {updated[-8:]}, deleted {deleted[-8:]}"

    def pull(self) -> str:
        deadline = time.monotonic() + SETTLE_SECONDS
        pulled = 0
        while True:
            pulled += self.replica.pull(self.changes)
            todos, lists = self.server_state()
            if self.replica.todos == todos and self.replica.lists == lists:
                break
            missing = sorted(set(todos) ^ set(self.replica.todos))
            differing = [k for k in todos if k in self.replica.todos and todos[k] != self.replica.todos[k]]
            check(time.monotonic() < deadline,
                  f"after {SETTLE_SECONDS} s the replica differs: ids {missing[:3]}, fields of {differing[:3]}, lists equal: {self.replica.lists == lists}")
            time.sleep(0.2)
        e = self.expected
        check(e["created"] in self.replica.todos and e["deleted"] not in self.replica.todos, "created/deleted not replayed")
        check(self.replica.todos[e["updated"]]["title"] == "Renamed on device B", "update not replayed")
        return f"{pulled} changes pulled; {len(self.replica.todos)} todos and {len(self.replica.lists)} lists equal GET"
