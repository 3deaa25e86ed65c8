//! The authorization matrix of lists and sharing (issue 13 item 6; spec scenario 4, FR-005,
//! ADR 0025): every operation on a shared list, its members, its invitations and its todos,
//! by each of six callers — owner, editor, viewer, non-member, removed member (was editor,
//! then removed) and admin (role admin, not a member) — answers what the contract and the
//! spec say. Non-members, removed members and admins get 404 for the list and everything in
//! it (never 403, admins have no implicit access); a viewer reads but gets 403 on writes; an
//! editor writes todos but gets 403 on list, member and invitation management; any member
//! orders their own lists and may leave; the owner does everything, except leave as the last
//! owner (409). Batches answer 422 naming the ids the caller cannot write (spec: "every id
//! must be writable by the caller, else 422").
//!
//! Each cell is one check with fresh resources (its own shared list, memberships made
//! through the API: invitation, the invitee's `GET /invitations`, accept; the removed member
//! accepted and was then removed by the owner), so a successful delete in one cell cannot
//! break the next. A refused write is also checked to have changed nothing. All mismatches
//! are collected and reported together (operation × role × database × expected × got); the
//! whole grid is printed. The accounts are registered once per database.

use std::fmt;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::client::{Answer, Api, User};
use crate::support::{Backend, TestApp};

dual_test!(authorization_matrix);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Owner,
    Editor,
    Viewer,
    NonMember,
    Removed,
    Admin,
}

const ROLES: [Role; 6] = [
    Role::Owner,
    Role::Editor,
    Role::Viewer,
    Role::NonMember,
    Role::Removed,
    Role::Admin,
];

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Editor => "editor",
            Role::Viewer => "viewer",
            Role::NonMember => "non-member",
            Role::Removed => "removed",
            Role::Admin => "admin",
        }
    }

    /// Whether the caller is a member of the shared list (any role).
    fn member(self) -> bool {
        matches!(self, Role::Owner | Role::Editor | Role::Viewer)
    }

    /// Whether the caller may write the list's todos.
    fn writer(self) -> bool {
        matches!(self, Role::Owner | Role::Editor)
    }
}

/// Every operation of the matrix, on a shared list `L` the owner made.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    // Lists.
    ListLists,
    GetList,
    UpdateList,
    DeleteList,
    MoveList,
    // Members.
    ListMembers,
    UpdateMember,
    RemoveOtherMember,
    LeaveList,
    // Invitations.
    ListListInvitations,
    CreateInvitation,
    RevokeInvitation,
    ListInvitations,
    AcceptOthersInvitation,
    DeclineOthersInvitation,
    // Todos in the shared list.
    ListTodosInList,
    ListSubtasks,
    ListTodosEverywhere,
    ListTags,
    GetTodo,
    CreateTodo,
    CreateSubtask,
    UpdateTodo,
    MoveTodoIntoList,
    MoveTodoOutOfList,
    DeleteTodo,
    MoveTodo,
    BatchTodos,
}

const OPS: [Op; 28] = [
    Op::ListLists,
    Op::GetList,
    Op::UpdateList,
    Op::DeleteList,
    Op::MoveList,
    Op::ListMembers,
    Op::UpdateMember,
    Op::RemoveOtherMember,
    Op::LeaveList,
    Op::ListListInvitations,
    Op::CreateInvitation,
    Op::RevokeInvitation,
    Op::ListInvitations,
    Op::AcceptOthersInvitation,
    Op::DeclineOthersInvitation,
    Op::ListTodosInList,
    Op::ListSubtasks,
    Op::ListTodosEverywhere,
    Op::ListTags,
    Op::GetTodo,
    Op::CreateTodo,
    Op::CreateSubtask,
    Op::UpdateTodo,
    Op::MoveTodoIntoList,
    Op::MoveTodoOutOfList,
    Op::DeleteTodo,
    Op::MoveTodo,
    Op::BatchTodos,
];

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::ListLists => "listLists (L in the caller's lists)",
            Op::GetList => "getList",
            Op::UpdateList => "updateList",
            Op::DeleteList => "deleteList ?delete_todos=true",
            Op::MoveList => "moveList",
            Op::ListMembers => "listMembers",
            Op::UpdateMember => "updateMember (another member)",
            Op::RemoveOtherMember => "removeMember (another member)",
            Op::LeaveList => "removeMember (self: leave)",
            Op::ListListInvitations => "listListInvitations",
            Op::CreateInvitation => "createInvitation",
            Op::RevokeInvitation => "revokeInvitation",
            Op::ListInvitations => "listInvitations (someone else's invitation)",
            Op::AcceptOthersInvitation => "acceptInvitation (not the addressee)",
            Op::DeclineOthersInvitation => "declineInvitation (not the addressee)",
            Op::ListTodosInList => "listTodos ?list_id=L",
            Op::ListSubtasks => "listTodos ?parent_id=(todo in L)",
            Op::ListTodosEverywhere => "listTodos (no list_id: L's todo in it)",
            Op::ListTags => "listTags (L's tag in it)",
            Op::GetTodo => "getTodo",
            Op::CreateTodo => "createTodo list_id=L",
            Op::CreateSubtask => "createTodo parent_id=(todo in L)",
            Op::UpdateTodo => "updateTodo",
            Op::MoveTodoIntoList => "updateTodo list_id=L (own Inbox todo into L)",
            Op::MoveTodoOutOfList => "updateTodo list_id=Inbox (L's todo out of L)",
            Op::DeleteTodo => "deleteTodo",
            Op::MoveTodo => "moveTodo",
            Op::BatchTodos => "batchTodos complete",
        }
    }

    /// The status this operation answers when it is allowed.
    fn success(self) -> u16 {
        match self {
            Op::CreateInvitation | Op::CreateTodo | Op::CreateSubtask => 201,
            Op::DeleteList
            | Op::RemoveOtherMember
            | Op::LeaveList
            | Op::RevokeInvitation
            | Op::DeclineOthersInvitation
            | Op::DeleteTodo => 204,
            _ => 200,
        }
    }
}

/// What a cell answered (or should): the status, and a note (whether the list's item is in
/// a listing; whether a refused write changed something; what is wrong with an error body).
#[derive(Clone, PartialEq, Eq)]
struct Outcome {
    status: u16,
    note: String,
}

impl Outcome {
    fn status(status: u16) -> Outcome {
        Outcome {
            status,
            note: String::new(),
        }
    }

    fn listed(listed: bool) -> Outcome {
        Outcome {
            status: 200,
            note: if listed { "listed" } else { "not listed" }.to_owned(),
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.note.is_empty() {
            write!(f, "{}", self.status)
        } else {
            write!(f, "{} {}", self.status, self.note)
        }
    }
}

/// The contract's and the spec's answer for `op` by `role`.
fn expected(op: Op, role: Role) -> Outcome {
    let hidden = Outcome::status(404);
    match op {
        // Listings of everything the caller can see: L's item only for members.
        Op::ListLists | Op::ListTodosEverywhere | Op::ListTags => Outcome::listed(role.member()),
        // Invitations are listed only to their addressee.
        Op::ListInvitations => Outcome::listed(false),
        // Someone else's invitation is 404 to anyone, the list's owner included.
        Op::AcceptOthersInvitation | Op::DeclineOthersInvitation => hidden,
        // Reads, and the caller's own order of lists: any member.
        Op::GetList
        | Op::ListMembers
        | Op::ListTodosInList
        | Op::ListSubtasks
        | Op::GetTodo
        | Op::MoveList => {
            if role.member() {
                Outcome::status(op.success())
            } else {
                hidden
            }
        }
        // The list, its members and its invitations: owners only.
        Op::UpdateList
        | Op::DeleteList
        | Op::UpdateMember
        | Op::RemoveOtherMember
        | Op::ListListInvitations
        | Op::CreateInvitation
        | Op::RevokeInvitation => match role {
            Role::Owner => Outcome::status(op.success()),
            Role::Editor | Role::Viewer => Outcome::status(403),
            _ => hidden,
        },
        // Leaving: any member, but not the last owner.
        Op::LeaveList => match role {
            Role::Owner => Outcome::status(409),
            Role::Editor | Role::Viewer => Outcome::status(204),
            _ => hidden,
        },
        // Todo writes: editors and owners.
        Op::CreateTodo
        | Op::UpdateTodo
        | Op::MoveTodoIntoList
        | Op::MoveTodoOutOfList
        | Op::DeleteTodo
        | Op::MoveTodo => match role {
            Role::Owner | Role::Editor => Outcome::status(op.success()),
            Role::Viewer => Outcome::status(403),
            _ => hidden,
        },
        // A parent the caller cannot see is refused like a missing one (422 naming
        // `parent_id`): a reference inside a body must not tell a hidden todo from none.
        Op::CreateSubtask => match role {
            Role::Owner | Role::Editor => Outcome::status(op.success()),
            Role::Viewer => Outcome::status(403),
            _ => Outcome::status(422),
        },
        // A batch names the ids the caller cannot write: 422.
        Op::BatchTodos => {
            if role.writer() {
                Outcome::status(200)
            } else {
                Outcome::status(422)
            }
        }
    }
}

/// The seven accounts of one database: the six callers and a member whom the member
/// operations act on.
struct Accounts {
    owner: User,
    editor: User,
    viewer: User,
    stranger: User,
    removed: User,
    admin: User,
    target: User,
}

impl Accounts {
    fn caller(&self, role: Role) -> &User {
        match role {
            Role::Owner => &self.owner,
            Role::Editor => &self.editor,
            Role::Viewer => &self.viewer,
            Role::NonMember => &self.stranger,
            Role::Removed => &self.removed,
            Role::Admin => &self.admin,
        }
    }
}

/// A set-up step that failed: the cell reports it instead of an outcome.
type Setup<T> = Result<T, String>;

pub(crate) async fn call(
    api: &Api,
    method: Method,
    path: &str,
    token: &str,
    body: Option<&Value>,
) -> Answer {
    let mut request = api.request(method, path, Some(token));
    if let Some(body) = body {
        request = request.json(body);
    }
    Answer::read(request.send().await.unwrap()).await
}

/// A set-up request that must answer `want`; its body.
async fn must(
    api: &Api,
    method: Method,
    path: &str,
    token: &str,
    body: Option<&Value>,
    want: StatusCode,
) -> Setup<Value> {
    let answer = call(api, method.clone(), path, token, body).await;
    if answer.status == want {
        Ok(answer.body)
    } else {
        Err(format!(
            "set-up {method} {path} answered {} (wanted {want}): {}",
            answer.status, answer.body
        ))
    }
}

fn id_of(body: &Value) -> Setup<String> {
    body["id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("set-up: no id in {body}"))
}

/// Every item of a paged listing (`path` has a query string), following `next_cursor`.
async fn all_items(api: &Api, path: &str, token: &str) -> Result<Vec<Value>, Answer> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..50 {
        let page_path = match &cursor {
            Some(c) => format!("{path}&cursor={c}"),
            None => path.to_owned(),
        };
        let answer = call(api, Method::GET, &page_path, token, None).await;
        if answer.status != StatusCode::OK {
            return Err(answer);
        }
        items.extend(answer.body["items"].as_array().cloned().unwrap_or_default());
        match answer.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return Ok(items),
        }
    }
    Ok(items)
}

/// The owner invites `who` with `role`; `who` finds it in `GET /invitations` and accepts.
pub(crate) async fn join(api: &Api, owner: &User, list: &str, who: &User, role: &str) -> Setup<()> {
    must(
        api,
        Method::POST,
        &format!("/lists/{list}/invitations"),
        &owner.token,
        Some(&json!({"email": who.email, "role": role})),
        StatusCode::CREATED,
    )
    .await?;
    let invitations = all_items(api, "/invitations?limit=100", &who.token)
        .await
        .map_err(|a| format!("set-up GET /invitations answered {}: {}", a.status, a.body))?;
    let invitation = invitations
        .iter()
        .find(|i| i["list_id"] == list)
        .ok_or_else(|| format!("set-up: the invitation to {list} is not in GET /invitations"))?;
    let id = id_of(invitation)?;
    must(
        api,
        Method::POST,
        &format!("/invitations/{id}/accept"),
        &who.token,
        None,
        StatusCode::OK,
    )
    .await?;
    Ok(())
}

/// A fresh shared list of the owner, with the caller in its `role` (the removed member
/// joined as an editor and was removed by the owner).
async fn shared_list(api: &Api, accounts: &Accounts, role: Role, cell: usize) -> Setup<String> {
    let owner = &accounts.owner;
    let list = must(
        api,
        Method::POST,
        "/lists",
        &owner.token,
        Some(&json!({"name": format!("shared {cell}")})),
        StatusCode::CREATED,
    )
    .await?;
    let list = id_of(&list)?;
    match role {
        Role::Editor => join(api, owner, &list, &accounts.editor, "editor").await?,
        Role::Viewer => join(api, owner, &list, &accounts.viewer, "viewer").await?,
        Role::Removed => {
            join(api, owner, &list, &accounts.removed, "editor").await?;
            must(
                api,
                Method::DELETE,
                &format!("/lists/{list}/members/{}", accounts.removed.id),
                &owner.token,
                None,
                StatusCode::NO_CONTENT,
            )
            .await?;
        }
        Role::Owner | Role::NonMember | Role::Admin => {}
    }
    Ok(list)
}

/// A todo the owner creates in `list` (with a tag and a title unique to the cell).
async fn todo_in(api: &Api, owner: &User, list: &str, title: &str) -> Setup<String> {
    let todo = must(
        api,
        Method::POST,
        "/todos",
        &owner.token,
        Some(&json!({"title": title, "list_id": list, "tags": [title]})),
        StatusCode::CREATED,
    )
    .await?;
    id_of(&todo)
}

/// A pending invitation of `list` to an address no account has.
async fn pending_invitation(api: &Api, owner: &User, list: &str, cell: usize) -> Setup<String> {
    let invitation = must(
        api,
        Method::POST,
        &format!("/lists/{list}/invitations"),
        &owner.token,
        Some(&json!({"email": nobody(cell), "role": "editor"})),
        StatusCode::CREATED,
    )
    .await?;
    id_of(&invitation)
}

fn nobody(cell: usize) -> String {
    format!(
        "nobody-{cell}-{}@example.com",
        uuid::Uuid::new_v4().simple()
    )
}

/// The pending invitations of `list`, as the owner sees them.
async fn pending_emails(api: &Api, owner: &User, list: &str) -> Setup<Vec<Value>> {
    all_items(
        api,
        &format!("/lists/{list}/invitations?limit=100"),
        &owner.token,
    )
    .await
    .map_err(|a| {
        format!(
            "check: listListInvitations answered {}: {}",
            a.status, a.body
        )
    })
}

/// The owner's view of a todo (its body, or `Null` when it is gone).
async fn todo_as_owner(api: &Api, owner: &User, todo: &str) -> Value {
    let answer = call(
        api,
        Method::GET,
        &format!("/todos/{todo}"),
        &owner.token,
        None,
    )
    .await;
    if answer.status == StatusCode::OK {
        answer.body
    } else {
        Value::Null
    }
}

/// The outcome of the cell's request: its status, and what is wrong with an error body
/// (every error is an RFC 9457 problem; 403 and 404 of the documented types).
fn outcome_of(answer: &Answer) -> Outcome {
    let status = answer.status.as_u16();
    if answer.status.is_success() {
        return Outcome::status(status);
    }
    let content_type = answer
        .headers
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let wanted_type = match status {
        403 => Some("/problems/forbidden"),
        404 => Some("/problems/not-found"),
        422 => Some("/problems/validation-error"),
        _ => None,
    };
    let note = if content_type != "application/problem+json" {
        format!("not problem+json (Content-Type {content_type:?})")
    } else if answer.body["status"] != status {
        format!("problem with status {}", answer.body["status"])
    } else if let Some(t) = wanted_type
        && answer.body["type"] != t
    {
        format!("problem of type {}", answer.body["type"])
    } else {
        String::new()
    };
    Outcome {
        status,
        note: if status >= 500 {
            format!("{note} {}", answer.body).trim().to_owned()
        } else {
            note
        },
    }
}

/// After a refused write, `unchanged` says whether it indeed changed nothing.
fn refused(mut outcome: Outcome, unchanged: bool) -> Outcome {
    if !unchanged && outcome.status >= 400 && outcome.note.is_empty() {
        outcome.note = "but the write happened".to_owned();
    }
    outcome
}

/// Runs one cell: sets up its resources, makes the caller's request, and checks that a
/// refused write changed nothing.
async fn run_cell(
    api: &Api,
    accounts: &Accounts,
    op: Op,
    role: Role,
    cell: usize,
) -> Setup<Outcome> {
    let owner = &accounts.owner;
    let caller = accounts.caller(role);
    let token = caller.token.as_str();
    let list = shared_list(api, accounts, role, cell).await?;
    let title = format!("cell{cell}x{}", uuid::Uuid::new_v4().simple());
    let result = match op {
        Op::ListLists => {
            let lists = all_items(api, "/lists?limit=100", token).await;
            match lists {
                Ok(items) => Outcome::listed(items.iter().any(|l| l["id"] == list)),
                Err(answer) => outcome_of(&answer),
            }
        }
        Op::GetList => {
            outcome_of(&call(api, Method::GET, &format!("/lists/{list}"), token, None).await)
        }
        Op::UpdateList => {
            let body = json!({"name": "renamed"});
            let answer = call(
                api,
                Method::PATCH,
                &format!("/lists/{list}"),
                token,
                Some(&body),
            )
            .await;
            let now = call(
                api,
                Method::GET,
                &format!("/lists/{list}"),
                &owner.token,
                None,
            )
            .await;
            refused(outcome_of(&answer), now.body["name"] != "renamed")
        }
        Op::DeleteList => {
            todo_in(api, owner, &list, &title).await?;
            let path = format!("/lists/{list}?delete_todos=true");
            let answer = call(api, Method::DELETE, &path, token, None).await;
            let now = call(
                api,
                Method::GET,
                &format!("/lists/{list}"),
                &owner.token,
                None,
            )
            .await;
            refused(outcome_of(&answer), now.status == StatusCode::OK)
        }
        Op::MoveList => {
            let body = json!({"to": "first"});
            outcome_of(
                &call(
                    api,
                    Method::POST,
                    &format!("/lists/{list}/move"),
                    token,
                    Some(&body),
                )
                .await,
            )
        }
        Op::ListMembers => outcome_of(
            &call(
                api,
                Method::GET,
                &format!("/lists/{list}/members"),
                token,
                None,
            )
            .await,
        ),
        Op::UpdateMember | Op::RemoveOtherMember => {
            let target = &accounts.target;
            join(api, owner, &list, target, "viewer").await?;
            let path = format!("/lists/{list}/members/{}", target.id);
            let answer = if op == Op::UpdateMember {
                call(
                    api,
                    Method::PATCH,
                    &path,
                    token,
                    Some(&json!({"role": "editor"})),
                )
                .await
            } else {
                call(api, Method::DELETE, &path, token, None).await
            };
            let members = all_items(
                api,
                &format!("/lists/{list}/members?limit=100"),
                &owner.token,
            )
            .await
            .map_err(|a| format!("check: listMembers answered {}: {}", a.status, a.body))?;
            let unchanged = members
                .iter()
                .any(|m| m["user_id"] == target.id.as_str() && m["role"] == "viewer");
            refused(outcome_of(&answer), unchanged)
        }
        Op::LeaveList => {
            let path = format!("/lists/{list}/members/{}", caller.id);
            outcome_of(&call(api, Method::DELETE, &path, token, None).await)
        }
        Op::ListListInvitations => {
            pending_invitation(api, owner, &list, cell).await?;
            let path = format!("/lists/{list}/invitations");
            outcome_of(&call(api, Method::GET, &path, token, None).await)
        }
        Op::CreateInvitation => {
            let email = nobody(cell);
            let body = json!({"email": email, "role": "viewer"});
            let path = format!("/lists/{list}/invitations");
            let answer = call(api, Method::POST, &path, token, Some(&body)).await;
            let pending = pending_emails(api, owner, &list).await?;
            refused(
                outcome_of(&answer),
                !pending.iter().any(|i| i["email"] == email),
            )
        }
        Op::RevokeInvitation | Op::AcceptOthersInvitation | Op::DeclineOthersInvitation => {
            let invitation = pending_invitation(api, owner, &list, cell).await?;
            let answer = match op {
                Op::RevokeInvitation => {
                    let path = format!("/lists/{list}/invitations/{invitation}");
                    call(api, Method::DELETE, &path, token, None).await
                }
                Op::AcceptOthersInvitation => {
                    let path = format!("/invitations/{invitation}/accept");
                    call(api, Method::POST, &path, token, None).await
                }
                _ => {
                    let path = format!("/invitations/{invitation}/decline");
                    call(api, Method::POST, &path, token, None).await
                }
            };
            let pending = pending_emails(api, owner, &list).await?;
            refused(
                outcome_of(&answer),
                pending.iter().any(|i| i["id"] == invitation.as_str()),
            )
        }
        Op::ListInvitations => {
            pending_invitation(api, owner, &list, cell).await?;
            match all_items(api, "/invitations?limit=100", token).await {
                Ok(items) => Outcome::listed(items.iter().any(|i| i["list_id"] == list)),
                Err(answer) => outcome_of(&answer),
            }
        }
        Op::ListTodosInList => {
            todo_in(api, owner, &list, &title).await?;
            let path = format!("/todos?list_id={list}");
            outcome_of(&call(api, Method::GET, &path, token, None).await)
        }
        Op::ListSubtasks => {
            let parent = todo_in(api, owner, &list, &title).await?;
            let path = format!("/todos?parent_id={parent}");
            outcome_of(&call(api, Method::GET, &path, token, None).await)
        }
        Op::ListTodosEverywhere => {
            let todo = todo_in(api, owner, &list, &title).await?;
            match all_items(api, &format!("/todos?limit=100&q={title}"), token).await {
                Ok(items) => Outcome::listed(items.iter().any(|t| t["id"] == todo.as_str())),
                Err(answer) => outcome_of(&answer),
            }
        }
        Op::ListTags => {
            todo_in(api, owner, &list, &title).await?;
            match all_items(api, "/tags?limit=100", token).await {
                Ok(items) => Outcome::listed(items.iter().any(|t| {
                    t["tag"]
                        .as_str()
                        .is_some_and(|t| t.eq_ignore_ascii_case(&title))
                })),
                Err(answer) => outcome_of(&answer),
            }
        }
        Op::GetTodo => {
            let todo = todo_in(api, owner, &list, &title).await?;
            outcome_of(&call(api, Method::GET, &format!("/todos/{todo}"), token, None).await)
        }
        Op::CreateTodo => {
            let body = json!({"title": title, "list_id": list});
            let answer = call(api, Method::POST, "/todos", token, Some(&body)).await;
            let todos = all_items(
                api,
                &format!("/todos?limit=100&list_id={list}"),
                &owner.token,
            )
            .await
            .map_err(|a| format!("check: listTodos answered {}: {}", a.status, a.body))?;
            refused(outcome_of(&answer), todos.is_empty())
        }
        Op::CreateSubtask => {
            let parent = todo_in(api, owner, &list, &title).await?;
            let body = json!({"title": "subtask", "parent_id": parent});
            let answer = call(api, Method::POST, "/todos", token, Some(&body)).await;
            let now = todo_as_owner(api, owner, &parent).await;
            refused(outcome_of(&answer), now["subtask_count"] == 0)
        }
        Op::UpdateTodo => {
            let todo = todo_in(api, owner, &list, &title).await?;
            let body = json!({"title": "changed"});
            let answer = call(
                api,
                Method::PATCH,
                &format!("/todos/{todo}"),
                token,
                Some(&body),
            )
            .await;
            let now = todo_as_owner(api, owner, &todo).await;
            refused(outcome_of(&answer), now["title"] == title.as_str())
        }
        Op::MoveTodoIntoList => {
            let own = must(
                api,
                Method::POST,
                "/todos",
                token,
                Some(&json!({"title": title})),
                StatusCode::CREATED,
            )
            .await?;
            let own = id_of(&own)?;
            let body = json!({"list_id": list});
            let answer = call(
                api,
                Method::PATCH,
                &format!("/todos/{own}"),
                token,
                Some(&body),
            )
            .await;
            let now = call(api, Method::GET, &format!("/todos/{own}"), token, None).await;
            let outcome = refused(
                outcome_of(&answer),
                now.body["list_id"] == caller.id.as_str(),
            );
            // Whatever happened, the caller's todo goes (from L or from its Inbox).
            call(api, Method::DELETE, &format!("/todos/{own}"), token, None).await;
            outcome
        }
        Op::MoveTodoOutOfList => {
            let todo = todo_in(api, owner, &list, &title).await?;
            // The caller's Inbox has the caller's id.
            let body = json!({"list_id": caller.id});
            let answer = call(
                api,
                Method::PATCH,
                &format!("/todos/{todo}"),
                token,
                Some(&body),
            )
            .await;
            let now = todo_as_owner(api, owner, &todo).await;
            let outcome = refused(outcome_of(&answer), now["list_id"] == list.as_str());
            call(api, Method::DELETE, &format!("/todos/{todo}"), token, None).await;
            outcome
        }
        Op::DeleteTodo => {
            let todo = todo_in(api, owner, &list, &title).await?;
            let answer = call(api, Method::DELETE, &format!("/todos/{todo}"), token, None).await;
            let now = todo_as_owner(api, owner, &todo).await;
            refused(outcome_of(&answer), !now.is_null())
        }
        Op::MoveTodo => {
            let first = todo_in(api, owner, &list, &format!("{title}a")).await?;
            let second = todo_in(api, owner, &list, &title).await?;
            let before = todo_as_owner(api, owner, &second).await;
            let body = json!({"before": first});
            let path = format!("/todos/{second}/move");
            let answer = call(api, Method::POST, &path, token, Some(&body)).await;
            let now = todo_as_owner(api, owner, &second).await;
            refused(outcome_of(&answer), now["position"] == before["position"])
        }
        Op::BatchTodos => {
            let todo = todo_in(api, owner, &list, &title).await?;
            let body = json!({"action": "complete", "ids": [todo]});
            let answer = call(api, Method::POST, "/todos/batch", token, Some(&body)).await;
            let now = todo_as_owner(api, owner, &todo).await;
            refused(outcome_of(&answer), now["completed"] == false)
        }
    };
    // The cell's list goes (with its todos), so that no account nears 200 lists.
    call(
        api,
        Method::DELETE,
        &format!("/lists/{list}?delete_todos=true"),
        &owner.token,
        None,
    )
    .await;
    Ok(result)
}

async fn accounts(app: &TestApp) -> Accounts {
    let api = &app.api;
    Accounts {
        owner: api.new_user("owner").await,
        editor: api.new_user("editor").await,
        viewer: api.new_user("viewer").await,
        stranger: api.new_user("stranger").await,
        removed: api.new_user("removed").await,
        admin: crate::admin::new_admin(app, "admin").await,
        target: api.new_user("target").await,
    }
}

async fn authorization_matrix(app: &TestApp) {
    let database = match app.db.backend {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    let accounts = accounts(app).await;
    let cells = OPS.len() * ROLES.len();
    println!(
        "authorization matrix on {database}: {} operations × {} roles = {cells} cells \
         (× 2 databases = {} in all)",
        OPS.len(),
        ROLES.len(),
        cells * 2
    );
    let mut mismatches = Vec::new();
    let mut grid = String::new();
    let mut cell = 0;
    for op in OPS {
        grid.push_str(&format!("{:<48}", op.name()));
        for role in ROLES {
            cell += 1;
            let want = expected(op, role);
            let got = run_cell(&app.api, &accounts, op, role, cell).await;
            let ok = matches!(&got, Ok(got) if *got == want);
            if !ok {
                let got = match got {
                    Ok(got) => got.to_string(),
                    Err(setup) => setup,
                };
                mismatches.push(format!(
                    "{} × {} × {database}: expected {want}, got {got}",
                    op.name(),
                    role.name()
                ));
            }
            grid.push_str(&format!(
                " {}:{}",
                role.name(),
                if ok { "ok" } else { "FAIL" }
            ));
        }
        grid.push('\n');
    }
    println!("{grid}");
    assert!(
        mismatches.is_empty(),
        "{} of {cells} cells of the authorization matrix on {database} disagree with the contract:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
