// Whether a webhook host is a public Internet address: the start of SSRF protection. Hosts are normalised first
// (case, trailing dots, every IPv6 form of an IPv4 address), because "localhost." and "[::ffff:7f00:1]" are
// loopback too. A public name that resolves to a private address is beyond what can be checked here (Workers
// cannot reach private networks in production anyway).

/** Names that never leave the machine or the site. */
const PRIVATE_NAMES = ["localhost", "local", "internal", "home.arpa"];

/** IPv4 ranges that are not public unicast (RFC 6890 and friends): [first octets, prefix length]. */
const PRIVATE_V4: [number[], number][] = [
  [[0], 8], // "this network"
  [[10], 8],
  [[100, 64], 10], // CGNAT
  [[127], 8],
  [[169, 254], 16], // link-local
  [[172, 16], 12],
  [[192, 0, 0], 24],
  [[192, 0, 2], 24], // documentation
  [[192, 168], 16],
  [[198, 18], 15], // benchmarking
  [[198, 51, 100], 24],
  [[203, 0, 113], 24],
  [[224], 4], // multicast
  [[240], 4], // reserved, and 255.255.255.255
];

export type HostKind = "loopback" | "private" | "public";

/** A URL's hostname (as WHATWG URL gives it) classified. */
export function hostKind(hostname: string): HostKind {
  const host = hostname.toLowerCase().replace(/\.+$/, "");
  const v4 = ipv4Of(host);
  if (v4) return v4[0] === 127 ? "loopback" : inV4Ranges(v4) ? "private" : "public";
  if (host.startsWith("[")) {
    const words = ipv6Words(host.slice(1, -1));
    if (!words) return "private"; // not an address we can read: refuse
    const embedded = embeddedV4(words);
    if (embedded) return hostKind(embedded.join("."));
    return v6Kind(words);
  }
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
  return PRIVATE_NAMES.some((n) => host === n || host.endsWith(`.${n}`)) ? "private" : "public";
}

function ipv4Of(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  const octets = m?.slice(1).map(Number);
  return octets?.every((o) => o <= 255) ? octets : null;
}

function inV4Ranges(octets: number[]): boolean {
  const value = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  return PRIVATE_V4.some(([start, bits]) => {
    const base = ((start[0] ?? 0) << 24) | ((start[1] ?? 0) << 16) | ((start[2] ?? 0) << 8);
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return (value & mask) >>> 0 === (base & mask) >>> 0;
  });
}

/** The eight 16-bit words of an IPv6 address as WHATWG URL serialises it (hex words, "::" once), or null. */
function ipv6Words(address: string): number[] | null {
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string) =>
    part === "" ? [] : part.split(":").map((w) => (/^[0-9a-f]{1,4}$/.test(w) ? parseInt(w, 16) : NaN));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const words = [...head, ...Array<number>(Math.max(fill, 0)).fill(0), ...tail];
  return words.length === 8 && words.every((w) => Number.isInteger(w)) ? words : null;
}

/** The IPv4 address inside a mapped (::ffff:0:0/96), compatible (::/96), or NAT64 (64:ff9b::/96) address. */
function embeddedV4(w: number[]): number[] | null {
  const zeros = (from: number, to: number) => w.slice(from, to).every((x) => x === 0);
  const mapped = zeros(0, 5) && w[5] === 0xffff;
  const compatible = zeros(0, 6) && (w[6]! !== 0 || w[7]! > 1);
  const nat64 = w[0] === 0x64 && w[1] === 0xff9b && zeros(2, 6);
  if (!mapped && !compatible && !nat64) return null;
  return [w[6]! >> 8, w[6]! & 0xff, w[7]! >> 8, w[7]! & 0xff];
}

function v6Kind(w: number[]): HostKind {
  if (w.slice(0, 7).every((x) => x === 0) && w[7] === 1) return "loopback"; // ::1
  if (w.every((x) => x === 0)) return "private"; // ::
  const first = w[0]!;
  const local =
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xff00) === 0xff00 || // multicast
    (first === 0x2001 && w[1] === 0x0db8) || // documentation
    (first === 0x64 && w[1] === 0xff9b && w[2] === 1); // local-use NAT64 64:ff9b:1::/48
  return local ? "private" : "public";
}
