// The journey's offline round (journey.ts runs it): sync and live events through the generated
// TypeScript client.
//
// Device A (the journey's configuration) takes a snapshot with getSync, paging until hasMore is
// false, and opens the event stream (GET /events, read with fetch and the Authorization header, as a
// browser would). Device B (another configuration of the same account) changes things: a create with
// a client id (replayed, as an offline queue does: 200, unchanged), an update, a delete (replayed: 204
// again). The stream announces B's create; device A pulls the feed from its cursor and must arrive at
// exactly what GET /todos and GET /lists give (the feed may lag by a running transaction, ADR 0026,
// so the pull is retried for a while).

import {
  ChangesApi,
  Configuration,
  ListsApi,
  type SyncChange,
  SyncKind,
  SyncOp,
  TodoListToJSON,
  TodosApi,
  TodoToJSON,
} from "@todo-api/client";
import type { Owner } from "./sharing";
import { check, opts, randomHex, sleep } from "./support";

const SETTLE_MS = 10000;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sorted = (m: Map<string, unknown>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** A device's local copy, built only from the feed (as JSON, to compare with GET). */
class Replica {
  todos = new Map<string, Record<string, unknown>>();
  lists = new Map<string, Record<string, unknown>>();
  members = new Map<string, unknown>();
  cursor: string | undefined;

  apply(c: SyncChange): void {
    if (c.op === SyncOp.Upsert) {
      if (c.kind === SyncKind.Todo) this.todos.set(c.id, TodoToJSON(c.todo!) as unknown as Record<string, unknown>);
      else if (c.kind === SyncKind.List) this.lists.set(c.id, TodoListToJSON(c.list!) as unknown as Record<string, unknown>);
      else this.members.set(`${c.listId}/${c.id}`, c.member);
    } else if (c.kind === SyncKind.Todo) {
      this.todos.delete(c.id);
    } else if (c.kind === SyncKind.Member) {
      this.members.delete(`${c.listId}/${c.id}`);
    } else {
      // A list lost: with its todos and members.
      this.lists.delete(c.id);
      for (const [k, v] of this.todos) if (v.list_id === c.id) this.todos.delete(k);
      for (const k of this.members.keys()) if (k.startsWith(`${c.id}/`)) this.members.delete(k);
    }
  }

  /** Pages the feed from the stored cursor until caught up; the number of changes applied. */
  async pull(changes: ChangesApi): Promise<number> {
    let applied = 0;
    for (;;) {
      const page = await changes.getSync({ cursor: this.cursor, limit: 50 }, opts());
      page.changes.forEach((c) => this.apply(c));
      applied += page.changes.length;
      this.cursor = page.nextCursor;
      if (!page.hasMore) return applied;
    }
  }
}

/** Reads `change` events of an open event stream; `next` waits for one naming `id`. */
class EventStream {
  private buffer = "";
  private constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly abort: AbortController,
  ) {}

  static async open(basePath: string, token: string): Promise<EventStream> {
    const abort = new AbortController();
    const res = await fetch(`${basePath}/events`, {
      headers: { Authorization: `Bearer ${token}`, Accept: "text/event-stream" },
      signal: abort.signal,
    });
    check(res.status === 200, `GET /events: HTTP ${res.status}`);
    const type = res.headers.get("Content-Type") ?? "";
    check(type.startsWith("text/event-stream"), `GET /events is ${type}`);
    return new EventStream(res.body!.getReader(), abort);
  }

  async changeFor(id: string, withinMs: number): Promise<Record<string, unknown>> {
    const deadline = Date.now() + withinMs;
    const decoder = new TextDecoder();
    for (;;) {
      let end: number;
      while ((end = this.buffer.indexOf("\n\n")) >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const lines = block.split("\n");
        if (!lines.includes("event: change")) continue; // keep-alive comments
        const data = lines.find((l) => l.startsWith("data:"));
        const event = JSON.parse(data!.slice(5).trim()) as Record<string, unknown>;
        const eventId = lines.find((l) => l.startsWith("id:"))?.slice(3).trim();
        check(eventId === event.cursor, `the event's id ${eventId} is not its cursor`);
        if (event.id === id) return event;
      }
      const left = deadline - Date.now();
      check(left > 0, `no change event for ${id} within ${withinMs} ms`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const silence = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), left);
      });
      // The timer is cleared, or a pending one would keep Node running after the journey.
      const chunk = await Promise.race([this.reader.read(), silence]).finally(() => clearTimeout(timer));
      check(chunk !== null && !chunk.done, `the event stream ended or stayed silent for ${withinMs} ms`);
      this.buffer += decoder.decode(chunk.value, { stream: true });
    }
  }

  close(): void {
    this.abort.abort();
  }
}

export class OfflineJourney {
  private readonly changes: ChangesApi;
  private readonly todos: TodosApi;
  private readonly lists: ListsApi;
  private readonly bTodos: TodosApi;
  private readonly replica = new Replica();
  // A v4 UUID made by the client (randomHex: Node 18 has no crypto global).
  private readonly clientId = `${randomHex(8)}-${randomHex(4)}-4${randomHex(3)}-8${randomHex(3)}-${randomHex(12)}`;
  private stream: EventStream | undefined;
  private expected = { updated: "", deleted: "" };

  constructor(private readonly owner: Owner) {
    this.changes = new ChangesApi(owner.config);
    this.todos = new TodosApi(owner.config);
    this.lists = new ListsApi(owner.config);
    // Another device of the same account: a configuration of its own with the account's token.
    this.bTodos = new TodosApi(new Configuration({ basePath: owner.config.basePath, accessToken: owner.config.accessToken }));
  }

  steps(): [string, () => Promise<string>][] {
    return [
      ["offline: snapshot via getSync, open GET /events", () => this.snapshot()],
      ["offline: another device creates (replayed), updates, deletes (replayed)", () => this.otherDevice()],
      ["offline: the event stream announces the other device's create", () => this.event()],
      ["offline: pull the feed -> the same state as GET", () => this.pull()],
    ];
  }

  private async serverState(): Promise<[Map<string, unknown>, Map<string, unknown>]> {
    const todos = new Map<string, unknown>();
    let cursor: string | undefined;
    do {
      const page = await this.todos.listTodos({ limit: 100, cursor }, opts());
      page.items.forEach((t) => todos.set(t.id, TodoToJSON(t)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const lists = new Map<string, unknown>();
    (await this.lists.listLists({ limit: 100 }, opts())).items.forEach((l) => lists.set(l.id, TodoListToJSON(l)));
    return [todos, lists];
  }

  async snapshot(): Promise<string> {
    const applied = await this.replica.pull(this.changes);
    check(applied > 0 && this.replica.lists.size > 0, `empty snapshot (${applied} changes)`);
    const token = await this.owner.config.accessToken!();
    this.stream = await EventStream.open(this.owner.config.basePath, token);
    return `${this.replica.todos.size} todos, ${this.replica.lists.size} lists in ${applied} changes; stream open`;
  }

  async otherDevice(): Promise<string> {
    const first = await this.bTodos.createTodoRaw({ todoCreate: { id: this.clientId, title: "Made offline" } }, opts());
    check(first.raw.status === 201, `create with a client id: HTTP ${first.raw.status}`);
    const made = await first.value();
    check(made.id === this.clientId, `the server changed the id to ${made.id}`);
    const replay = await this.bTodos.createTodoRaw({ todoCreate: { id: this.clientId, title: "Made offline, sent again" } }, opts());
    check(replay.raw.status === 200, `replayed create: HTTP ${replay.raw.status}, expected 200`);
    check((await replay.value()).title === "Made offline", "the replay changed the todo");
    const others = [...this.replica.todos.keys()].filter((id) => id !== this.clientId);
    check(others.length >= 2, "the snapshot has fewer than two todos to change");
    const [updated, deleted] = others;
    await this.bTodos.updateTodo({ todoId: updated, todoUpdate: { title: "Renamed on device B", completed: true } }, opts());
    const gone = await this.bTodos.deleteTodoRaw({ todoId: deleted }, opts());
    const again = await this.bTodos.deleteTodoRaw({ todoId: deleted }, opts());
    check(gone.raw.status === 204 && again.raw.status === 204, `delete, replayed: HTTP ${gone.raw.status}, ${again.raw.status}`);
    this.expected = { updated, deleted };
    return `created ${this.clientId.slice(-8)}, updated ${updated.slice(-8)}, deleted ${deleted.slice(-8)}`;
  }

  async event(): Promise<string> {
    const t0 = Date.now();
    try {
      const event = await this.stream!.changeFor(this.clientId, SETTLE_MS);
      check(event.kind === "todo" && event.op === "upsert", `event ${JSON.stringify(event)}`);
      return `change event after ${Date.now() - t0} ms: ${JSON.stringify({ kind: event.kind, op: event.op })}`;
    } finally {
      this.stream!.close();
    }
  }

  async pull(): Promise<string> {
    const deadline = Date.now() + SETTLE_MS;
    let pulled = 0;
    for (;;) {
      pulled += await this.replica.pull(this.changes);
      const [todos, lists] = await this.serverState();
      if (same(sorted(this.replica.todos), sorted(todos)) && same(sorted(this.replica.lists), sorted(lists))) break;
      check(Date.now() < deadline, `after ${SETTLE_MS} ms the replica still differs from GET`);
      await sleep(200);
    }
    const { updated, deleted } = this.expected;
    check(this.replica.todos.has(this.clientId) && !this.replica.todos.has(deleted), "created/deleted not replayed");
    check(this.replica.todos.get(updated)?.title === "Renamed on device B", "update not replayed");
    return `${pulled} changes pulled; ${this.replica.todos.size} todos and ${this.replica.lists.size} lists equal GET`;
  }
}
