// The journey's steps about lists, subtasks, manual order and sharing (journey.ts runs them).
//
// The journey's account (the owner) makes a list, todos in it and a subtask, and reorders them; it
// invites a second account, which this module registers; that account finds the invitation, accepts
// it, and edits a todo of the shared list; the owner sees the edit (`updatedBy`), removes the member,
// whose next reads of the list answer 404, and deletes the list with its todos.

import {
  AuthApi,
  Configuration,
  type Invitation,
  ListsApi,
  MemberRole,
  MoveEnd,
  SharingApi,
  type Todo,
  type TodoList,
  TodosApi,
} from "@todo-api/client";
import { check, expectError, opts, randomHex } from "./support";

/** What the steps need of the main journey: its client configuration (with its current token) and id. */
export interface Owner {
  readonly config: Configuration;
  readonly userId: string;
}

const titles = (items: Todo[]) => items.map((t) => t.title);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class SharingJourney {
  private readonly lists: ListsApi;
  private readonly sharing: SharingApi;
  private readonly todos: TodosApi;
  // The second account: a configuration of its own, with its own token.
  private bobToken = "";
  private readonly bobAuth: AuthApi;
  private readonly bobLists: ListsApi;
  private readonly bobSharing: SharingApi;
  private readonly bobTodos: TodosApi;
  private readonly bobEmail = `journey-ts-bob-${randomHex(12)}@example.com`;
  private readonly bobPassword = `journey ${randomHex(16)}`;
  private bobId = "";
  private list!: TodoList;
  private made = new Map<string, Todo>();
  private invitation!: Invitation;

  constructor(private readonly owner: Owner) {
    this.lists = new ListsApi(owner.config);
    this.sharing = new SharingApi(owner.config);
    this.todos = new TodosApi(owner.config);
    const bob = new Configuration({ basePath: owner.config.basePath, accessToken: () => this.bobToken });
    this.bobAuth = new AuthApi(bob);
    this.bobLists = new ListsApi(bob);
    this.bobSharing = new SharingApi(bob);
    this.bobTodos = new TodosApi(bob);
  }

  steps(): [string, () => Promise<string>][] {
    return [
      ["create a list", () => this.createList()],
      ["todos and a subtask in the list", () => this.todosInList()],
      ["manual order: first, after", () => this.manualOrder()],
      ["invite a second account", () => this.invite()],
      ["the invitee lists its invitations and accepts", () => this.accept()],
      ["the member edits a todo of the shared list", () => this.memberEdits()],
      ["the owner sees the change", () => this.ownerSeesChange()],
      ["the owner removes the member -> 404 for them", () => this.removeMember()],
      ["delete the list with its todos", () => this.deleteList()],
    ];
  }

  // --- helpers --------------------------------------------------------------------------------
  /** The list's top-level todos in their manual order (the default sort with `listId`). */
  private async topLevel(todos: TodosApi = this.todos): Promise<Todo[]> {
    return (await todos.listTodos({ listId: this.list.id, topLevel: true }, opts())).items;
  }

  private todo(title: string): Todo {
    const todo = this.made.get(title);
    check(todo, `no todo ${title}`);
    return todo;
  }

  // --- steps ----------------------------------------------------------------------------------
  async createList(): Promise<string> {
    const res = await this.lists.createListRaw({ listCreate: { name: "Groceries", color: "#3366cc" } }, opts());
    check(res.raw.status === 201, `HTTP ${res.raw.status}`);
    check(res.raw.headers.get("Location"), "no Location header");
    check(res.raw.headers.get("ETag") === '"v1"', `ETag ${res.raw.headers.get("ETag")}`);
    const list = await res.value();
    check(
      same([list.name, list.color, list._default, list.role, list.memberCount], ["Groceries", "#3366cc", false, MemberRole.Owner, 1]),
      `unexpected list ${JSON.stringify(list)}`,
    );
    this.list = list;
    const mine = (await this.lists.listLists({}, opts())).items;
    const defaults = mine.filter((l) => l._default);
    check(defaults.length === 1 && defaults[0].name === "Inbox", `default lists ${JSON.stringify(defaults)}`);
    check(mine[mine.length - 1].id === list.id, `the new list is not last in the caller's order: ${mine.map((l) => l.name)}`);
    return `${list.id}; the account's lists: ${mine.map((l) => l.name).join(", ")}`;
  }

  async todosInList(): Promise<string> {
    for (const title of ["Milk", "Eggs", "Bread"]) {
      const todo = await this.todos.createTodo({ todoCreate: { title, listId: this.list.id } }, opts());
      check(todo.listId === this.list.id && todo.parentId === null, `${title}: ${JSON.stringify(todo)}`);
      check(todo.createdBy === this.owner.userId, `${title}: createdBy ${todo.createdBy}`);
      this.made.set(title, todo);
    }
    const positions = ["Milk", "Eggs", "Bread"].map((t) => this.todo(t).position);
    check(same(positions, [...positions].sort()) && new Set(positions).size === 3, `new todos not last in order: ${positions}`);
    const milk = this.todo("Milk");
    const sub = await this.todos.createTodo({ todoCreate: { title: "Oat milk", parentId: milk.id } }, opts());
    check(sub.parentId === milk.id && sub.listId === this.list.id, `subtask ${JSON.stringify(sub)}`);
    const parent = await this.todos.getTodo({ todoId: milk.id }, opts());
    check(parent.subtaskCount === 1 && parent.completedSubtaskCount === 0, `parent counts ${parent.subtaskCount}/${parent.completedSubtaskCount}`);
    const subs = (await this.todos.listTodos({ parentId: milk.id }, opts())).items;
    check(same(subs.map((t) => t.id), [sub.id]), `subtasks of Milk: ${titles(subs)}`);
    const order = titles(await this.topLevel());
    check(same(order, ["Milk", "Eggs", "Bread"]), `top level ${order}`);
    return `3 todos in order ${order}, 1 subtask (Milk: subtaskCount 1)`;
  }

  async manualOrder(): Promise<string> {
    const eggsPosition = this.todo("Eggs").position;
    const moved = await this.todos.moveTodo({ todoId: this.todo("Bread").id, todoMove: { to: MoveEnd.First } }, opts());
    check(moved.id === this.todo("Bread").id, `moved ${JSON.stringify(moved)}`);
    const first = titles(await this.topLevel());
    check(same(first, ["Bread", "Milk", "Eggs"]), `after to=first: ${first}`);
    await this.todos.moveTodo({ todoId: this.todo("Milk").id, todoMove: { after: this.todo("Eggs").id } }, opts());
    const items = await this.topLevel();
    check(same(titles(items), ["Bread", "Eggs", "Milk"]), `after after=Eggs: ${titles(items)}`);
    const positions = items.map((t) => t.position);
    check(same(positions, [...positions].sort()), `positions out of order: ${positions}`);
    const eggs = items.find((t) => t.title === "Eggs");
    check(eggs?.position === eggsPosition, `a sibling was renumbered: Eggs ${eggsPosition} -> ${eggs?.position}`);
    return `Bread first, Milk after Eggs: ${titles(items)}; siblings kept their positions`;
  }

  async invite(): Promise<string> {
    const bob = await this.bobAuth.register(
      { registration: { email: this.bobEmail, password: this.bobPassword, displayName: "Bob Journey" } },
      opts(),
    );
    this.bobId = bob.id;
    const tokens = await this.bobAuth.issueToken({ grantType: "password", username: this.bobEmail, password: this.bobPassword }, opts());
    this.bobToken = tokens.accessToken;
    const res = await this.sharing.createInvitationRaw(
      { listId: this.list.id, invitationCreate: { email: this.bobEmail, role: MemberRole.Editor } },
      opts(),
    );
    check(res.raw.status === 201, `HTTP ${res.raw.status}`);
    const inv = await res.value();
    check(
      same([inv.listId, inv.listName, inv.role, inv.invitedBy], [this.list.id, "Groceries", MemberRole.Editor, this.owner.userId]),
      `invitation ${JSON.stringify(inv)}`,
    );
    check(inv.expiresAt > inv.createdAt, `expiresAt ${inv.expiresAt} not after createdAt ${inv.createdAt}`);
    const pending = (await this.sharing.listListInvitations({ listId: this.list.id }, opts())).items;
    check(same(pending.map((i) => i.id), [inv.id]), `the list's pending invitations: ${JSON.stringify(pending)}`);
    this.invitation = inv;
    return `${this.bobEmail} registered (${bob.id}) and invited as editor`;
  }

  async accept(): Promise<string> {
    const mine = (await this.bobSharing.listInvitations({}, opts())).items;
    check(same(mine.map((i) => i.id), [this.invitation.id]), `the invitee's invitations: ${JSON.stringify(mine)}`);
    check(mine[0].invitedByName === "TypeScript Journey", `invitedByName ${mine[0].invitedByName}`);
    const joined = await this.bobSharing.acceptInvitation({ invitationId: this.invitation.id }, opts());
    check(
      same([joined.id, joined.role, joined.memberCount, joined._default], [this.list.id, MemberRole.Editor, 2, false]),
      `joined ${JSON.stringify(joined)}`,
    );
    check((await this.bobSharing.listInvitations({}, opts())).items.length === 0, "the invitation is still pending");
    const bobs = (await this.bobLists.listLists({}, opts())).items.map((l) => l.name);
    check(same(bobs, ["Inbox", "Groceries"]), `the member's lists: ${bobs}`);
    const members = (await this.sharing.listMembers({ listId: this.list.id }, opts())).items;
    const roles = Object.fromEntries(members.map((m) => [m.userId, m.role]));
    check(
      same(roles, Object.fromEntries([[this.owner.userId, MemberRole.Owner], [this.bobId, MemberRole.Editor]])),
      `members ${JSON.stringify(members)}`,
    );
    return `accepted; the member's lists: ${bobs}; members: owner + editor`;
  }

  async memberEdits(): Promise<string> {
    const eggsId = this.todo("Eggs").id;
    check(same(titles(await this.topLevel(this.bobTodos)), ["Bread", "Eggs", "Milk"]), "the member sees another order");
    const res = await this.bobTodos.getTodoRaw({ todoId: eggsId }, opts());
    const etag = res.raw.headers.get("ETag");
    check(etag, "no ETag");
    const edited = await this.bobTodos.updateTodo({ todoId: eggsId, todoUpdate: { title: "Eggs (free range)" }, ifMatch: etag }, opts());
    check(edited.title === "Eggs (free range)" && edited.updatedBy === this.bobId, `edited ${JSON.stringify(edited)}`);
    check(edited.createdBy === this.owner.userId, `createdBy changed to ${edited.createdBy}`);
    return `If-Match ${etag} -> 200, updatedBy the member`;
  }

  async ownerSeesChange(): Promise<string> {
    const eggs = await this.todos.getTodo({ todoId: this.todo("Eggs").id }, opts());
    check(eggs.title === "Eggs (free range)", `title ${eggs.title}`);
    check(eggs.updatedBy === this.bobId, `updatedBy ${eggs.updatedBy}, want the member ${this.bobId}`);
    return `'${eggs.title}', updatedBy ${eggs.updatedBy}`;
  }

  async removeMember(): Promise<string> {
    const res = await this.sharing.removeMemberRaw({ listId: this.list.id, userId: this.bobId }, opts());
    check(res.raw.status === 204, `HTTP ${res.raw.status}`);
    await expectError(() => this.bobLists.getList({ listId: this.list.id }, opts()), 404);
    await expectError(() => this.bobTodos.getTodo({ todoId: this.todo("Eggs").id }, opts()), 404);
    await expectError(() => this.bobTodos.listTodos({ listId: this.list.id }, opts()), 404);
    const bobs = (await this.bobLists.listLists({}, opts())).items.map((l) => l.name);
    check(same(bobs, ["Inbox"]), `the removed member still lists ${bobs}`);
    return "204; the removed member's list, todo and listId reads -> 404";
  }

  async deleteList(): Promise<string> {
    await expectError(() => this.lists.deleteList({ listId: this.list.id }, opts()), 409);
    const res = await this.lists.deleteListRaw({ listId: this.list.id, deleteTodos: true }, opts());
    check(res.raw.status === 204, `HTTP ${res.raw.status}`);
    await expectError(() => this.todos.getTodo({ todoId: this.todo("Milk").id }, opts()), 404);
    return "without deleteTodos -> 409; with it -> 204, its todos gone";
  }
}
