"""The journey's steps about lists, subtasks, manual order and sharing (journey.py runs them).

The journey's account (the owner) makes a list, todos in it and a subtask, and reorders them; it
invites a second account, which this module registers; that account finds the invitation, accepts
it, and edits a todo of the shared list; the owner sees the edit (`updated_by`), removes the member,
whose next reads of the list answer 404, and deletes the list with its todos.
"""

from __future__ import annotations

import secrets
import uuid

from todo_api_client import (
    ApiClient,
    AuthApi,
    Configuration,
    InvitationCreate,
    ListCreate,
    ListsApi,
    MemberRole,
    MoveEnd,
    Registration,
    SharingApi,
    TodoCreate,
    TodoMove,
    TodosApi,
    TodoUpdate,
)

from support import TIMEOUT, check, expect_error, header


class SharingJourney:
    def __init__(self, owner) -> None:
        """`owner` is the main journey (journey.Journey): its client carries its current token."""
        self.owner = owner
        self.lists = ListsApi(owner.client)
        self.sharing = SharingApi(owner.client)
        self.todos = TodosApi(owner.client)
        # The second account: a client of its own, with its own token.
        self.bob_config = Configuration(host=owner.config.host)
        bob_client = ApiClient(self.bob_config)
        self.bob_auth = AuthApi(bob_client)
        self.bob_lists = ListsApi(bob_client)
        self.bob_sharing = SharingApi(bob_client)
        self.bob_todos = TodosApi(bob_client)
        self.bob_email = f"journey-py-bob-{uuid.uuid4().hex[:12]}@example.com"
        self.bob_password = f"journey {secrets.token_hex(8)}"

    def steps(self):
        return [
            ("create a list", self.create_list),
            ("todos and a subtask in the list", self.todos_in_list),
            ("manual order: first, after", self.manual_order),
            ("invite a second account", self.invite),
            ("the invitee lists its invitations and accepts", self.accept),
            ("the member edits a todo of the shared list", self.member_edits),
            ("the owner sees the change", self.owner_sees_change),
            ("the owner removes the member -> 404 for them", self.remove_member),
            ("delete the list with its todos", self.delete_list),
        ]

    # --- helpers -------------------------------------------------------------------------------
    def top_level(self, todos_api=None) -> list:
        """The list's top-level todos in their manual order (the default sort with `list_id`)."""
        page = (todos_api or self.todos).list_todos(list_id=self.list.id, top_level=True, _request_timeout=TIMEOUT)
        return page.items

    def titles(self, items) -> list[str]:
        return [t.title for t in items]

    # --- steps ---------------------------------------------------------------------------------
    def create_list(self) -> str:
        res = self.lists.create_list_with_http_info(ListCreate(name="Groceries", color="#3366cc"), _request_timeout=TIMEOUT)
        check(res.status_code == 201, f"HTTP {res.status_code}")
        check(bool(header(res.headers, "Location")), "no Location header")
        check(header(res.headers, "ETag") == '"v1"', f"ETag {header(res.headers, 'ETag')}")
        lst = res.data
        check((lst.name, lst.color, lst.default, lst.role, lst.member_count) == ("Groceries", "#3366cc", False, MemberRole.OWNER, 1),
              f"unexpected list {lst}")
        self.list = lst
        mine = self.lists.list_lists(_request_timeout=TIMEOUT).items
        defaults = [x for x in mine if x.default]
        check(len(defaults) == 1 and defaults[0].name == "Inbox", f"default lists {defaults}")
        check(mine[-1].id == lst.id, f"the new list is not last in the caller's order: {[x.name for x in mine]}")
        return f"{lst.id}; the account's lists: {', '.join(x.name for x in mine)}"

    def todos_in_list(self) -> str:
        made = {}
        for title in ("Milk", "Eggs", "Bread"):
            todo = self.todos.create_todo(TodoCreate(title=title, list_id=self.list.id), _request_timeout=TIMEOUT)
            check(todo.list_id == self.list.id and todo.parent_id is None, f"{title}: {todo}")
            check(todo.created_by == self.owner.user_id, f"{title}: created_by {todo.created_by}")
            made[title] = todo
        positions = [made[t].position for t in ("Milk", "Eggs", "Bread")]
        check(positions == sorted(positions) and len(set(positions)) == 3, f"new todos not last in order: {positions}")
        self.made = made
        sub = self.todos.create_todo(TodoCreate(title="Oat milk", parent_id=made["Milk"].id), _request_timeout=TIMEOUT)
        check(sub.parent_id == made["Milk"].id and sub.list_id == self.list.id, f"subtask {sub}")
        parent = self.todos.get_todo(made["Milk"].id, _request_timeout=TIMEOUT)
        check((parent.subtask_count, parent.completed_subtask_count) == (1, 0),
              f"parent counts {parent.subtask_count}/{parent.completed_subtask_count}")
        subs = self.todos.list_todos(parent_id=made["Milk"].id, _request_timeout=TIMEOUT).items
        check([t.id for t in subs] == [sub.id], f"subtasks of Milk: {self.titles(subs)}")
        order = self.titles(self.top_level())
        check(order == ["Milk", "Eggs", "Bread"], f"top level {order}")
        return f"3 todos in order {order}, 1 subtask (Milk: subtask_count 1)"

    def manual_order(self) -> str:
        eggs_position = self.made["Eggs"].position
        moved = self.todos.move_todo(self.made["Bread"].id, TodoMove(to=MoveEnd.FIRST), _request_timeout=TIMEOUT)
        check(moved.id == self.made["Bread"].id, f"moved {moved}")
        first = self.titles(self.top_level())
        check(first == ["Bread", "Milk", "Eggs"], f"after to=first: {first}")
        self.todos.move_todo(self.made["Milk"].id, TodoMove(after=self.made["Eggs"].id), _request_timeout=TIMEOUT)
        items = self.top_level()
        check(self.titles(items) == ["Bread", "Eggs", "Milk"], f"after after=Eggs: {self.titles(items)}")
        positions = [t.position for t in items]
        check(positions == sorted(positions), f"positions out of order: {positions}")
        eggs = next(t for t in items if t.title == "Eggs")
        check(eggs.position == eggs_position, f"a sibling was renumbered: Eggs {eggs_position} -> {eggs.position}")
        return f"Bread first, Milk after Eggs: {self.titles(items)}; siblings kept their positions"

    def invite(self) -> str:
        bob = self.bob_auth.register(
            Registration(email=self.bob_email, password=self.bob_password, display_name="Bob Journey"), _request_timeout=TIMEOUT
        )
        self.bob_id = bob.id
        tokens = self.bob_auth.issue_token(
            grant_type="password", username=self.bob_email, password=self.bob_password, _request_timeout=TIMEOUT
        )
        self.bob_config.access_token = tokens.access_token
        res = self.sharing.create_invitation_with_http_info(
            self.list.id, InvitationCreate(email=self.bob_email, role=MemberRole.EDITOR), _request_timeout=TIMEOUT
        )
        check(res.status_code == 201, f"HTTP {res.status_code}")
        inv = res.data
        check((inv.list_id, inv.list_name, inv.role, inv.invited_by) == (self.list.id, "Groceries", MemberRole.EDITOR, self.owner.user_id),
              f"invitation {inv}")
        check(inv.expires_at > inv.created_at, f"expires_at {inv.expires_at} not after created_at {inv.created_at}")
        pending = self.sharing.list_list_invitations(self.list.id, _request_timeout=TIMEOUT).items
        check([i.id for i in pending] == [inv.id], f"the list's pending invitations: {pending}")
        self.invitation = inv
        return f"{self.bob_email} registered ({bob.id}) and invited as editor"

    def accept(self) -> str:
        mine = self.bob_sharing.list_invitations(_request_timeout=TIMEOUT).items
        check([i.id for i in mine] == [self.invitation.id], f"the invitee's invitations: {mine}")
        check(mine[0].invited_by_name == "Python Journey", f"invited_by_name {mine[0].invited_by_name}")
        joined = self.bob_sharing.accept_invitation(self.invitation.id, _request_timeout=TIMEOUT)
        check((joined.id, joined.role, joined.member_count, joined.default) == (self.list.id, MemberRole.EDITOR, 2, False),
              f"joined {joined}")
        check(self.bob_sharing.list_invitations(_request_timeout=TIMEOUT).items == [], "the invitation is still pending")
        bobs = [x.name for x in self.bob_lists.list_lists(_request_timeout=TIMEOUT).items]
        check(bobs == ["Inbox", "Groceries"], f"the member's lists: {bobs}")
        members = self.sharing.list_members(self.list.id, _request_timeout=TIMEOUT).items
        roles = {m.user_id: m.role for m in members}
        check(roles == {self.owner.user_id: MemberRole.OWNER, self.bob_id: MemberRole.EDITOR}, f"members {members}")
        return f"accepted; the member's lists: {bobs}; members: owner + editor"

    def member_edits(self) -> str:
        eggs_id = self.made["Eggs"].id
        check(self.titles(self.top_level(self.bob_todos)) == ["Bread", "Eggs", "Milk"], "the member sees another order")
        res = self.bob_todos.get_todo_with_http_info(eggs_id, _request_timeout=TIMEOUT)
        etag = header(res.headers, "ETag")
        edited = self.bob_todos.update_todo(
            eggs_id, TodoUpdate(title="Eggs (free range)"), if_match=etag, _request_timeout=TIMEOUT
        )
        check(edited.title == "Eggs (free range)" and edited.updated_by == self.bob_id, f"edited {edited}")
        check(edited.created_by == self.owner.user_id, f"created_by changed to {edited.created_by}")
        return f"If-Match {etag} -> 200, updated_by the member"

    def owner_sees_change(self) -> str:
        eggs = self.todos.get_todo(self.made["Eggs"].id, _request_timeout=TIMEOUT)
        check(eggs.title == "Eggs (free range)", f"title {eggs.title}")
        check(eggs.updated_by == self.bob_id, f"updated_by {eggs.updated_by}, want the member {self.bob_id}")
        return f"'{eggs.title}', updated_by {eggs.updated_by}"

    def remove_member(self) -> str:
        res = self.sharing.remove_member_with_http_info(self.list.id, self.bob_id, _request_timeout=TIMEOUT)
        check(res.status_code == 204, f"HTTP {res.status_code}")
        expect_error(lambda: self.bob_lists.get_list(self.list.id, _request_timeout=TIMEOUT), 404)
        expect_error(lambda: self.bob_todos.get_todo(self.made["Eggs"].id, _request_timeout=TIMEOUT), 404)
        expect_error(lambda: self.bob_todos.list_todos(list_id=self.list.id, _request_timeout=TIMEOUT), 404)
        bobs = [x.name for x in self.bob_lists.list_lists(_request_timeout=TIMEOUT).items]
        check(bobs == ["Inbox"], f"the removed member still lists {bobs}")
        return "204; the removed member's list, todo and list_id reads -> 404"

    def delete_list(self) -> str:
        expect_error(lambda: self.lists.delete_list(self.list.id, _request_timeout=TIMEOUT), 409)
        res = self.lists.delete_list_with_http_info(self.list.id, delete_todos=True, _request_timeout=TIMEOUT)
        check(res.status_code == 204, f"HTTP {res.status_code}")
        expect_error(lambda: self.todos.get_todo(self.made["Milk"].id, _request_timeout=TIMEOUT), 404)
        return "without delete_todos -> 409; with it -> 204, its todos gone"
