// A user's journey through the Todo API, driven only through the generated TypeScript client
// (@todo-api/client, typescript-fetch; scripts/sdk-generate -> target/sdk/typescript).
//
// Usage: node journey.js [BASE_URL]   (else $TODO_API_BASE_URL, e.g. http://127.0.0.1:8080/api/v1)
// Needs Node.js >= 18 (global fetch). scripts/sdk-journey compiles it with the pinned tsc and runs it
// against a fresh server on each database. Prints one line per step; the first failing step is
// named, and the exit status is 1. The steps about lists, subtasks, order and sharing (with a second
// account) are in sharing.ts.

import {
  AuthApi,
  BatchAction,
  Configuration,
  FetchError,
  Priority,
  ResponseError,
  Role,
  type Todo,
  type TodoPage,
  TodoSort,
  TodosApi,
  type TokenError,
  TokenErrorCode,
  TokenErrorFromJSON,
  type TokenResponse,
  TokenType,
  UsersApi,
  type ListTodosRequest,
} from "@todo-api/client";
import { OfflineJourney } from "./offline";
import { SharingJourney } from "./sharing";
import { check, expectError, problemOf, randomHex, sleep, StepFailed, TIMEOUT_MS } from "./support";

// The Node.js globals used here, declared instead of depending on @types/node.
declare const process: {
  argv: string[];
  env: Record<string, string | undefined>;
  exitCode?: number;
};

// How long a revoked session may keep working: SESSION_CHECK_TTL_MILLIS (default 2 s, at most 5 s).
const REVOCATION_WAIT_MS = 6000;

class Journey {
  private accessToken = "";
  readonly config: Configuration;
  private readonly auth: AuthApi;
  private readonly users: UsersApi;
  private readonly todos: TodosApi;
  private readonly email = `journey-ts-${randomHex(12)}@example.com`;
  private readonly password = `journey ${randomHex(16)}`;
  userId = "";
  private refreshToken = "";
  private readonly created = new Map<string, Todo>(); // every todo this journey created
  private readonly completed = new Set<string>();
  private ids: string[] = [];
  private etag = "";
  private staleEtag = "";

  constructor(baseUrl: string) {
    // Operations declare the one `bearerAuth` scheme; typescript-fetch adds "Bearer " itself.
    const accessToken = () => this.accessToken;
    this.config = new Configuration({ basePath: baseUrl, accessToken });
    this.auth = new AuthApi(this.config);
    this.users = new UsersApi(this.config);
    this.todos = new TodosApi(this.config);
  }

  // --- helpers --------------------------------------------------------------------------------
  private opts(): RequestInit {
    return { signal: AbortSignal.timeout(TIMEOUT_MS) };
  }

  private async passwordGrant(): Promise<TokenResponse> {
    const res = await this.auth.issueTokenRaw(
      { grantType: "password", username: this.email, password: this.password },
      this.opts(),
    );
    check(res.raw.status === 200, `token: HTTP ${res.raw.status}`);
    check(res.raw.headers.get("Cache-Control") === "no-store", "token response without Cache-Control: no-store");
    const tokens = await res.value();
    check(tokens.tokenType === TokenType.Bearer, `token_type ${tokens.tokenType}`);
    check(tokens.expiresIn > 0, `expires_in ${tokens.expiresIn}`);
    return tokens;
  }

  private refreshGrant(refreshToken: string): Promise<TokenResponse> {
    return this.auth.issueToken({ grantType: "refresh_token", refreshToken }, this.opts());
  }

  private async expectInvalidGrant(refreshToken: string, what: string): Promise<void> {
    const e = await expectError(() => this.refreshGrant(refreshToken), 400);
    const body: TokenError = TokenErrorFromJSON(await e.response.json());
    check(body.error === TokenErrorCode.InvalidGrant, `${what}: error ${body.error}, want invalid_grant`);
  }

  private async me(): Promise<string> {
    return (await this.users.getCurrentUser(this.opts())).id;
  }

  /** Follows nextCursor from the first page until it is null; returns the todos and the page count. */
  private async listAll(filters: ListTodosRequest): Promise<[Todo[], number]> {
    const seen: Todo[] = [];
    let pages = 0;
    let cursor: string | undefined;
    for (;;) {
      const page: TodoPage = await this.todos.listTodos({ ...filters, cursor }, this.opts());
      pages += 1;
      check(page.items.length <= (filters.limit ?? 20), `page ${pages} has ${page.items.length} items`);
      seen.push(...page.items);
      if (page.nextCursor == null) return [seen, pages]; // null on the last page (absent counts too)
      cursor = page.nextCursor;
      check(pages < 100, "nextCursor never ends");
    }
  }

  // --- steps ----------------------------------------------------------------------------------
  async register(): Promise<string> {
    const res = await this.auth.registerRaw(
      { registration: { email: this.email, password: this.password, displayName: "TypeScript Journey" } },
      this.opts(),
    );
    check(res.raw.status === 201, `HTTP ${res.raw.status}`);
    check(res.raw.headers.get("Location"), "no Location header");
    const user = await res.value();
    check(user.email === this.email && user.role === Role.User, `unexpected account ${JSON.stringify(user)}`);
    this.userId = user.id;
    return `${this.email} (${user.id})`;
  }

  async login(): Promise<string> {
    const tokens = await this.passwordGrant();
    this.accessToken = tokens.accessToken;
    this.refreshToken = tokens.refreshToken;
    check((await this.me()) === this.userId, "/users/me is another account");
    return `token_type ${tokens.tokenType}, expires_in ${tokens.expiresIn}s`;
  }

  async refreshRotates(): Promise<string> {
    const oldRefresh = this.refreshToken;
    const tokens = await this.refreshGrant(oldRefresh);
    check(tokens.refreshToken !== oldRefresh, "refresh token not rotated");
    this.accessToken = tokens.accessToken;
    check((await this.me()) === this.userId, "new access token refused");
    // The used refresh token fails; presenting it again is reuse: the whole session is revoked.
    await this.expectInvalidGrant(oldRefresh, "old refresh token");
    await this.expectInvalidGrant(tokens.refreshToken, "refresh token of a session revoked by reuse");
    return "new pair issued; old refresh token -> 400 invalid_grant; reuse revoked the session";
  }

  async loginAgain(): Promise<string> {
    const tokens = await this.passwordGrant();
    this.accessToken = tokens.accessToken;
    this.refreshToken = tokens.refreshToken;
    check((await this.me()) === this.userId, "access token refused");
    return "a fresh session for the rest of the journey";
  }

  async createTodos(): Promise<string> {
    const day = 24 * 3600 * 1000;
    const now = Date.now();
    const specs: [string, Priority, string[], Date | null][] = [
      ["Buy milk", Priority.High, ["journey", "Home"], new Date(now + day)],
      ["Pay rent", Priority.High, ["journey", "home", "money"], new Date(now - day)],
      ["Write report", Priority.Normal, ["journey", "work"], new Date(now + 3 * day)],
      ["Call Ann", Priority.Low, ["journey"], null],
      ["Fix <div> layout", Priority.High, ["journey", "work"], new Date(now + 2 * day)],
      ["Water plants", Priority.Normal, ["journey", "home"], null],
      ["Book flights", Priority.High, ["journey", "travel"], new Date(now + 30 * day)],
    ];
    const lower = (tags: string[]) => tags.map((t) => t.toLowerCase()).sort().join(",");
    for (const [title, priority, tags, dueAt] of specs) {
      const res = await this.todos.createTodoRaw({ todoCreate: { title, priority, tags, dueAt } }, this.opts());
      check(res.raw.status === 201, `${title}: HTTP ${res.raw.status}`);
      check(res.raw.headers.get("ETag") === '"v1"', `${title}: ETag ${res.raw.headers.get("ETag")}`);
      const todo = await res.value();
      check(todo.title === title && todo.priority === priority && !todo.completed, `${title}: got ${JSON.stringify(todo)}`);
      check(lower(todo.tags) === lower(tags), `${title}: tags ${todo.tags}`);
      check(todo.dueAt?.getTime() === dueAt?.getTime(), `${title}: dueAt ${todo.dueAt}`);
      this.created.set(todo.id, todo);
    }
    this.ids = [...this.created.keys()];
    return `${specs.length} todos, tags on each`;
  }

  async conditionalGet(): Promise<string> {
    const todoId = this.ids[0];
    const res = await this.todos.getTodoRaw({ todoId }, this.opts());
    const etag = res.raw.headers.get("ETag");
    check(etag === '"v1"', `ETag ${etag}`);
    // typescript-fetch treats every non-2xx answer, 304 included, as a ResponseError.
    const e = await expectError(() => this.todos.getTodo({ todoId, ifNoneMatch: etag }, this.opts()), 304);
    check(e.response.headers.get("ETag") === etag, `304 carries ETag ${e.response.headers.get("ETag")}`);
    this.etag = etag;
    return `If-None-Match ${etag} -> 304`;
  }

  async updateIfMatch(): Promise<string> {
    const todoId = this.ids[0];
    const res = await this.todos.updateTodoRaw({ todoId, todoUpdate: { completed: true }, ifMatch: this.etag }, this.opts());
    check(res.raw.status === 200, `HTTP ${res.raw.status}`);
    const todo = await res.value();
    check(todo.completed && todo.completedAt instanceof Date, `not completed: ${JSON.stringify(todo)}`);
    const newEtag = res.raw.headers.get("ETag");
    check(newEtag && newEtag !== this.etag, `ETag ${newEtag} after update, was ${this.etag}`);
    this.completed.add(todoId);
    this.staleEtag = this.etag;
    return `If-Match ${this.etag} -> 200, ETag now ${newEtag}`;
  }

  async staleIfMatch(): Promise<string> {
    const todoId = this.ids[0];
    const e = await expectError(
      () => this.todos.updateTodo({ todoId, todoUpdate: { title: "Lost update" }, ifMatch: this.staleEtag }, this.opts()),
      412,
    );
    const problem = await problemOf(e);
    check(problem.status === 412 && problem.type.endsWith("precondition-failed"), `problem ${JSON.stringify(problem)}`);
    const unchanged = await this.todos.getTodo({ todoId }, this.opts());
    check(unchanged.title === "Buy milk", `412 changed the todo: ${unchanged.title}`);
    return `stale If-Match -> 412 '${problem.title}', todo unchanged`;
  }

  async batchComplete(): Promise<string> {
    const ids = [this.ids[2], this.ids[4]];
    // `ids` has uniqueItems: true, which typescript-fetch types as a Set (sent as a JSON array, in order).
    const batchRequest = { action: BatchAction.Complete, ids: new Set(ids) };
    const result = await this.todos.batchTodos({ batchRequest }, this.opts());
    check(result.affected === 2 && result.items.every((t) => t.completed), `batch result ${JSON.stringify(result)}`);
    ids.forEach((id) => this.completed.add(id));
    return "2 more completed in one batch";
  }

  async idempotentCreate(): Promise<string> {
    const idempotencyKey = `journey-${Date.now()}-${randomHex(16)}`;
    const todoCreate = { title: "Renew passport", priority: Priority.Normal, tags: ["journey-idem"] };
    const first = await this.todos.createTodoRaw({ todoCreate, idempotencyKey }, this.opts());
    const second = await this.todos.createTodoRaw({ todoCreate, idempotencyKey }, this.opts());
    check(first.raw.status === 201 && second.raw.status === 201, `HTTP ${first.raw.status}, ${second.raw.status}`);
    const [a, b] = [await first.value(), await second.value()];
    check(a.id === b.id, `retry created another todo: ${a.id} vs ${b.id}`);
    check(first.raw.headers.get("Idempotent-Replayed") !== "true", "first response marked as replayed");
    check(second.raw.headers.get("Idempotent-Replayed") === "true", "retry not marked Idempotent-Replayed: true");
    const page = await this.todos.listTodos({ tag: ["journey-idem"] }, this.opts());
    check(page.items.length === 1 && page.items[0].id === a.id, `${page.items.length} todos with the key's body`);
    this.created.set(a.id, a);
    return `same Idempotency-Key twice -> one todo ${a.id}, replayed`;
  }

  async listPages(): Promise<string> {
    const now = new Date();
    const cases: [ListTodosRequest, (t: Todo) => boolean, number][] = [
      // filters, which of the created todos must be listed, how many that is
      [{ tag: ["journey"], completed: false, limit: 2 }, (t) => t.tags.includes("journey") && !this.completed.has(t.id), 4],
      [
        { tag: ["journey", "HOME"], priority: Priority.High, sort: TodoSort.DueAtAsc, limit: 1 },
        (t) => t.tags.includes("journey") && t.tags.some((x) => x.toLowerCase() === "home") && t.priority === Priority.High,
        2,
      ],
      [
        { dueBefore: now, overdue: true, limit: 1 },
        (t) => t.dueAt !== null && t.dueAt < now && !this.completed.has(t.id),
        1,
      ],
    ];
    const lines: string[] = [];
    for (const [filters, wanted, count] of cases) {
      const what = JSON.stringify(filters);
      const expected = new Set([...this.created.values()].filter(wanted).map((t) => t.id));
      check(expected.size === count, `${what}: the journey expects ${count} todos, its data has ${expected.size}`);
      const [seen, pages] = await this.listAll(filters);
      const ids = seen.map((t) => t.id);
      check(new Set(ids).size === ids.length, `${what}: a todo was repeated across pages`);
      check(ids.length === expected.size && ids.every((id) => expected.has(id)), `${what}: saw ${ids}, want ${[...expected]}`);
      const wantPages = Math.max(1, Math.ceil(count / filters.limit!));
      check(pages === wantPages, `${what}: ${pages} pages for ${count} todos, want ${wantPages}`);
      if (filters.sort) {
        const dues = seen.map((t) => t.dueAt!.getTime());
        check(dues.every((d, i) => i === 0 || dues[i - 1] <= d), `${what}: not sorted by due_at`);
      }
      lines.push(`${count} todos in ${pages} pages`);
    }
    return lines.join("; ");
  }

  async statistics(): Promise<string> {
    const res = await this.users.getStatisticsRaw({ days: 7 }, this.opts());
    const stats = await res.value();
    const todos = [...this.created.values()];
    const total = todos.length;
    const completed = this.completed.size;
    const now = new Date();
    const overdue = todos.filter((t) => !this.completed.has(t.id) && t.dueAt !== null && t.dueAt < now).length;
    check(
      stats.total === total && stats.completed === completed && stats.open === total - completed,
      `total/completed/open ${stats.total}/${stats.completed}/${stats.open}, want ${total}/${completed}/${total - completed}`,
    );
    check(stats.overdue === overdue, `overdue ${stats.overdue}, want ${overdue}`);
    const count = (p: Priority) => todos.filter((t) => t.priority === p).length;
    const want = { low: count(Priority.Low), normal: count(Priority.Normal), high: count(Priority.High) };
    check(JSON.stringify(stats.byPriority) === JSON.stringify(want), `byPriority ${JSON.stringify(stats.byPriority)}, want ${JSON.stringify(want)}`);
    check(Math.abs(stats.completionRate - completed / total) < 1e-9, `completionRate ${stats.completionRate}`);
    const perDay = stats.completionsPerDay;
    check(perDay.length === 7 && perDay.reduce((n, d) => n + d.count, 0) === completed, `completionsPerDay ${JSON.stringify(perDay)}`);
    const top = new Map(stats.topTags.map((t) => [t.tag.toLowerCase(), t.count]));
    check(top.get("journey") === 7 && top.get("home") === 3, `topTags ${JSON.stringify(stats.topTags)}`);
    const etag = res.raw.headers.get("ETag");
    check(etag, "statistics without ETag");
    await expectError(() => this.users.getStatistics({ days: 7, ifNoneMatch: etag }, this.opts()), 304);
    return `total ${total}, completed ${completed}, overdue ${overdue}, rate ${stats.completionRate.toFixed(3)}; If-None-Match -> 304`;
  }

  async sessions(): Promise<string> {
    const page = await this.auth.listSessions({}, this.opts());
    check(page.items.length === 1 && page.items[0].current, `sessions ${JSON.stringify(page.items)}`);
    return `one session, current: ${page.items[0].id}`;
  }

  async revoke(): Promise<string> {
    const res = await this.auth.revokeTokenRaw({ token: this.refreshToken, tokenTypeHint: "refresh_token" }, this.opts());
    check(res.raw.status === 200, `HTTP ${res.raw.status}`);
    await this.expectInvalidGrant(this.refreshToken, "revoked refresh token");
    return "RFC 7009 revoke of the refresh token -> 200; it no longer refreshes";
  }

  async accessTokenRefused(): Promise<string> {
    const started = Date.now();
    for (;;) {
      try {
        await this.users.getCurrentUser(this.opts());
      } catch (e) {
        if (!(e instanceof ResponseError) || e.response.status !== 401) throw e;
        const problem = await problemOf(e);
        check(problem.status === 401, `401 body ${JSON.stringify(problem)}`);
        check(e.response.headers.get("WWW-Authenticate")?.startsWith("Bearer"), "401 without WWW-Authenticate: Bearer");
        return `401 after ${((Date.now() - started) / 1000).toFixed(1)} s`;
      }
      check(Date.now() - started < REVOCATION_WAIT_MS, `access token still accepted ${REVOCATION_WAIT_MS / 1000} s after revocation`);
      await sleep(200);
    }
  }
}

async function main(): Promise<number> {
  const baseUrl = (process.argv[2] ?? process.env.TODO_API_BASE_URL ?? "").replace(/\/+$/, "");
  if (!baseUrl) {
    console.error("usage: node journey.js BASE_URL (or set TODO_API_BASE_URL)");
    return 2;
  }
  const j = new Journey(baseUrl);
  const steps: [string, () => Promise<string>][] = [
    ["register", () => j.register()],
    ["password grant", () => j.login()],
    ["refresh rotates", () => j.refreshRotates()],
    ["password grant again", () => j.loginAgain()],
    ["create todos with tags", () => j.createTodos()],
    ["conditional GET (If-None-Match)", () => j.conditionalGet()],
    ["update with If-Match", () => j.updateIfMatch()],
    ["stale If-Match -> 412", () => j.staleIfMatch()],
    ["batch complete", () => j.batchComplete()],
    ["idempotent create retry", () => j.idempotentCreate()],
    ["list with filters across pages", () => j.listPages()],
    ["statistics", () => j.statistics()],
    ...new SharingJourney(j).steps(),
    ...new OfflineJourney(j).steps(),
    ["list sessions", () => j.sessions()],
    ["revoke refresh token", () => j.revoke()],
    ["old access token -> 401", () => j.accessTokenRefused()],
  ];
  const started = Date.now();
  for (const [i, [name, step]] of steps.entries()) {
    const n = String(i + 1).padStart(2);
    const t0 = Date.now();
    try {
      const detail = await step();
      console.log(`ok   ${n}. ${name} (${Date.now() - t0} ms): ${detail}`);
    } catch (e) {
      let message = e instanceof Error ? e.message : String(e);
      if (e instanceof ResponseError) message = `HTTP ${e.response.status}: ${await e.response.text().catch(() => "")}`;
      if (e instanceof FetchError) message = `${e.message} (${e.cause}${e.cause.cause ? `: ${e.cause.cause}` : ""})`;
      const kind = e instanceof StepFailed || !(e instanceof Error) ? "" : `${e.name}: `;
      console.log(`FAIL ${n}. ${name}: ${kind}${message}`);
      console.error(`typescript journey: FAILED at step ${i + 1} (${name})`);
      return 1;
    }
  }
  console.log(`typescript journey: ${steps.length} steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error("typescript journey: crashed:", e);
    process.exitCode = 1;
  },
);
