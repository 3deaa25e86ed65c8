// Helpers shared by the journey's steps (journey.ts, sharing.ts): failing a step, errors, timing.

import { type Problem, ProblemFromJSON, ResponseError } from "@todo-api/client";

export const TIMEOUT_MS = 10000; // per request

export class StepFailed extends Error {}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new StepFailed(message);
}

/** Runs `call`, which must fail with the client's ResponseError of this HTTP status; returns it. */
export async function expectError(call: () => Promise<unknown>, status: number): Promise<ResponseError> {
  let result: unknown;
  try {
    result = await call();
  } catch (e) {
    if (!(e instanceof ResponseError)) throw e;
    if (e.response.status !== status) {
      throw new StepFailed(`expected HTTP ${status}, got ${e.response.status}: ${await e.response.text()}`);
    }
    return e;
  }
  throw new StepFailed(`expected HTTP ${status}, got a success: ${JSON.stringify(result)}`);
}

/** The problem+json body of an error response, parsed with the client's own model. */
export async function problemOf(e: ResponseError): Promise<Problem> {
  const type = e.response.headers.get("Content-Type") ?? "";
  check(type.startsWith("application/problem+json"), `HTTP ${e.response.status} is ${type}, not problem+json`);
  return ProblemFromJSON(await e.response.json());
}

/** Request options: every call is cut off after TIMEOUT_MS. */
export function opts(): RequestInit {
  return { signal: AbortSignal.timeout(TIMEOUT_MS) };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Unique per run; not secret (Math.random rather than the crypto global, which Node 18 lacks).
export const randomHex = (chars: number) =>
  Array.from({ length: chars }, () => Math.floor(Math.random() * 16).toString(16)).join("");
