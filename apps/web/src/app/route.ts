import { useEffect, useState } from "react";

/** Every page of the dashboard. Hash routes need nothing from the server that serves the assets. */
export type Route =
  | { page: "matches" }
  | { page: "match"; matchId: string }
  | { page: "latency"; matchId: string }
  | { page: "health" }
  | { page: "ops" }
  | { page: "preview"; matchId?: string };

export const href = {
  matches: () => "#/",
  match: (id: string) => `#/matches/${encodeURIComponent(id)}`,
  latency: (id: string) => `#/matches/${encodeURIComponent(id)}/latency`,
  health: () => "#/health",
  ops: () => "#/ops",
  preview: (id?: string) => (id ? `#/preview/${encodeURIComponent(id)}` : "#/preview"),
};

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "");
  let m: RegExpExecArray | null;
  if ((m = /^\/matches\/([^/]+)\/latency\/?$/.exec(path))) return { page: "latency", matchId: decode(m[1]!) };
  if ((m = /^\/matches\/([^/]+)\/?$/.exec(path))) return { page: "match", matchId: decode(m[1]!) };
  if (/^\/health\/?$/.test(path)) return { page: "health" };
  if (/^\/ops\/?$/.test(path)) return { page: "ops" };
  if ((m = /^\/preview(?:\/([^/]+))?\/?$/.exec(path)))
    return m[1] ? { page: "preview", matchId: decode(m[1]) } : { page: "preview" };
  return { page: "matches" };
}

export function useRoute(): Route {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return parseRoute(hash);
}
