// The SSRF table: each URL as a client would send it, through WHATWG URL as the gateway parses it.
import { describe, expect, it } from "vitest";
import { type HostKind, hostKind } from "./host.js";
import { urlProblem } from "./input.js";

const kindOf = (url: string) => hostKind(new URL(url).hostname);

const TABLE: [string, HostKind][] = [
  ["https://localhost/x", "loopback"],
  ["https://localhost./x", "loopback"], // the trailing dot that used to pass
  ["https://LOCALHOST../x", "loopback"],
  ["https://api.localhost/x", "loopback"],
  ["https://127.0.0.1/x", "loopback"],
  ["https://127.1/x", "loopback"], // URL normalises short forms
  ["https://0x7f.0.0.1/x", "loopback"],
  ["https://2130706433/x", "loopback"],
  ["https://[::1]/x", "loopback"],
  ["https://[0:0:0:0:0:0:0:1]/x", "loopback"],
  ["https://[::ffff:127.0.0.1]/x", "loopback"], // IPv4-mapped
  ["https://[::ffff:7f00:1]/x", "loopback"],
  ["https://[64:ff9b::127.0.0.1]/x", "loopback"], // NAT64
  ["https://[::127.0.0.1]/x", "loopback"], // IPv4-compatible (deprecated)
  ["https://10.0.0.1/x", "private"],
  ["https://[::ffff:10.0.0.1]/x", "private"],
  ["https://[64:ff9b::a00:1]/x", "private"],
  ["https://[64:ff9b::192.168.0.1]/x", "private"],
  ["https://172.16.0.1/x", "private"],
  ["https://172.31.255.255/x", "private"],
  ["https://192.168.1.1/x", "private"],
  ["https://169.254.169.254/latest/meta-data", "private"], // cloud metadata
  ["https://[::ffff:169.254.169.254]/x", "private"],
  ["https://100.64.0.1/x", "private"],
  ["https://0.0.0.0/x", "private"],
  ["https://255.255.255.255/x", "private"],
  ["https://224.0.0.1/x", "private"],
  ["https://198.18.0.1/x", "private"],
  ["https://[::]/x", "private"],
  ["https://[fc00::1]/x", "private"],
  ["https://[fd12:3456::1]/x", "private"],
  ["https://[fe80::1]/x", "private"],
  ["https://[ff02::1]/x", "private"],
  ["https://[2001:db8::1]/x", "private"],
  ["https://printer.local/x", "private"],
  ["https://db.internal./x", "private"],
  ["https://router.home.arpa/x", "private"],
  ["https://bets.example/hook", "public"],
  ["https://bets.example./hook", "public"],
  ["https://172.32.0.1/x", "public"],
  ["https://8.8.8.8/x", "public"],
  ["https://[2606:4700::1111]/x", "public"],
  ["https://[::ffff:8.8.8.8]/x", "public"],
  ["https://[64:ff9b::808:808]/x", "public"],
  ["https://localhost.example/x", "public"],
];

describe("hostKind", () => {
  it.each(TABLE)("%s is %s", (url, kind) => {
    expect(kindOf(url)).toBe(kind);
  });
});

describe("webhook URLs in production (no loopback allowed)", () => {
  it.each(TABLE.filter(([, kind]) => kind !== "public"))("refuses %s", (url) => {
    expect(urlProblem(url, false)).toMatch(/loopback or private/);
  });

  it.each(TABLE.filter(([, kind]) => kind === "public"))("accepts %s", (url) => {
    expect(urlProblem(url, false)).toBeUndefined();
  });

  it("allows plain http only to loopback, and only in local development", () => {
    expect(urlProblem("http://localhost.:8080/hook", true)).toBeUndefined();
    expect(urlProblem("http://[::ffff:127.0.0.1]:8080/hook", true)).toBeUndefined();
    expect(urlProblem("http://10.0.0.1/hook", true)).toMatch(/must be https/);
    expect(urlProblem("http://localhost/hook", false)).toMatch(/must be https/);
  });
});
