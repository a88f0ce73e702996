import { describe, expect, it } from "vitest";
import { href, parseRoute } from "./route.js";

describe("parseRoute", () => {
  it("reads every page, decoding match ids", () => {
    expect(parseRoute("")).toEqual({ page: "matches" });
    expect(parseRoute("#/")).toEqual({ page: "matches" });
    expect(parseRoute("#/matches/wc2018-64-fra-cro")).toEqual({
      page: "match",
      matchId: "wc2018-64-fra-cro",
    });
    expect(parseRoute("#/matches/a%20b/latency")).toEqual({ page: "latency", matchId: "a b" });
    expect(parseRoute("#/health")).toEqual({ page: "health" });
    expect(parseRoute("#/ops")).toEqual({ page: "ops" });
    expect(parseRoute("#/preview")).toEqual({ page: "preview" });
    expect(parseRoute("#/preview/m1")).toEqual({ page: "preview", matchId: "m1" });
  });

  it("sends anything unknown to the list of matches", () => {
    expect(parseRoute("#/nowhere/at/all")).toEqual({ page: "matches" });
    expect(parseRoute("#/matches/")).toEqual({ page: "matches" });
  });

  it("round-trips the links it makes", () => {
    expect(parseRoute(href.latency("x/y"))).toEqual({ page: "latency", matchId: "x/y" });
    expect(parseRoute(href.match("é"))).toEqual({ page: "match", matchId: "é" });
    expect(parseRoute(href.preview("m"))).toEqual({ page: "preview", matchId: "m" });
  });
});
