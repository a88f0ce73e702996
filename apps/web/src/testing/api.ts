import { vi } from "vitest";

export interface Call {
  method: string;
  path: string;
  auth: string | null;
  body: unknown;
}

type Handler = (call: Call) => { status?: number; body: unknown } | undefined;

export const notLanded = (method: string, path: string) => ({
  status: 404,
  body: { error: { code: "not_found", message: `no route for ${method} ${path}` } },
});

/**
 * Stubs `fetch` for the admin API: `handler` answers each call (undefined = the route does not exist). Every
 * call is recorded with its method, path, Authorization header and parsed body.
 */
export function stubApi(handler: Handler): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      const call: Call = {
        method: init.method ?? "GET",
        path: input,
        auth: headers.get("Authorization"),
        body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      };
      calls.push(call);
      const answer = handler(call) ?? notLanded(call.method, call.path);
      return new Response(JSON.stringify(answer.body), {
        status: answer.status ?? 200,
        headers: { "content-type": "application/json" },
      });
    }),
  );
  return calls;
}
