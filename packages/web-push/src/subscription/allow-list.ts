// Which push services we are willing to POST to: the endpoint comes from a device, so without this list a
// subscription could point the dispatcher at any URL (SSRF).

/** Decides whether an endpoint URL belongs to an allowed push service. */
export type EndpointAllowList = (endpoint: URL) => boolean;

interface Pattern {
  protocol: string;
  host: string;
  wildcard: boolean;
  port: string | undefined;
}

const PATTERN = /^(https?):\/\/(\*\.)?([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?\/?$/i;
const DEFAULT_PORT: Record<string, string> = { "http:": "80", "https:": "443" };

function parsePattern(text: string): Pattern {
  const m = PATTERN.exec(text.trim());
  if (!m)
    throw new Error(
      `push endpoint allow-list: "${text}" is not scheme://host[:port] (host may start with "*.")`,
    );
  return {
    protocol: `${m[1]!.toLowerCase()}:`,
    wildcard: m[2] !== undefined,
    host: m[3]!.toLowerCase(),
    port: m[4],
  };
}

/**
 * Builds the allow-list from origins such as "https://fcm.googleapis.com", "https://*.push.apple.com" or
 * "http://127.0.0.1". The scheme must match exactly; "*." matches any subdomain (not the bare domain);
 * a pattern without a port admits any port of that host (a local mock push service listens on a free one).
 */
export function endpointAllowList(patterns: readonly string[]): EndpointAllowList {
  const parsed = patterns.map(parsePattern);
  return (endpoint) => {
    const host = endpoint.hostname.toLowerCase();
    const port = endpoint.port || DEFAULT_PORT[endpoint.protocol];
    return parsed.some(
      (p) =>
        p.protocol === endpoint.protocol &&
        (p.wildcard ? host.endsWith(`.${p.host}`) : host === p.host) &&
        (p.port === undefined || p.port === port),
    );
  };
}
