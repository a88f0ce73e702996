import { describe, expect, it } from "vitest";
import { fakeScope, goalPush } from "../testing/fake-scope.js";
import { startBuzzServiceWorker } from "./index.js";

function worker(options = {}) {
  const f = fakeScope();
  startBuzzServiceWorker(f.scope, { liveReplyTimeoutMs: 50, ...options });
  return f;
}
const bodies = (f: ReturnType<typeof fakeScope>) => f.tray.map((n) => n.body);

describe("startBuzzServiceWorker: push", () => {
  it("shows the payload as a notification, with its tag and data", async () => {
    const f = worker({ icon: "/icon.png" });
    await f.push(goalPush("m1", 7, "Provisional: scorer to come"));
    expect(f.tray).toEqual([
      {
        title: "GOAL! France 1-0 Croatia",
        body: "Provisional: scorer to come",
        tag: "m1:goal-1",
        icon: "/icon.png",
        data: { event_id: "ev-7", match_id: "m1", sequence_number: 7, url: "/sdk-demo/?match=m1" },
      },
    ]);
  });

  it("shows a silent push (a goal in quiet hours) with silent set and no vibration; others as before", async () => {
    const f = worker();
    await f.push({ ...goalPush("m1", 7, "at night", "t1"), silent: true });
    await f.push(goalPush("m1", 8, "by day", "t2"));
    // A `silent: false` or anything but true is not the contract's flag: the push is shown as usual.
    await f.push({ ...goalPush("m1", 9, "odd flag", "t3"), silent: "yes" } as never);
    expect(f.tray.map((n) => [n.body, n.silent, "vibrate" in n])).toEqual([
      ["at night", true, false],
      ["by day", undefined, false],
      ["odd flag", undefined, false],
    ]);
  });

  it("replaces the provisional goal by its amendment (same tag), and never the other way round", async () => {
    const f = worker();
    await f.push(goalPush("m1", 7, "Provisional"));
    await f.push(goalPush("m1", 8, "Griezmann (pen.)"));
    expect(bodies(f)).toEqual(["Griezmann (pen.)"]);
    // The provisional push retried late by the push service must not bring back the old text.
    await f.push(goalPush("m1", 7, "Provisional"));
    expect(bodies(f)).toEqual(["Griezmann (pen.)"]);
    await f.push(goalPush("m1", 12, "Mbappé", "m1:goal-2"));
    expect(bodies(f)).toEqual(["Griezmann (pen.)", "Mbappé"]);
  });

  it("handles pushes one at a time: a goal and its amendment arriving together leave the amendment shown", async () => {
    const f = worker();
    f.showDelays.push(30); // the goal's notification takes a while to show
    await Promise.all([
      f.push(goalPush("m1", 7, "Provisional")),
      f.push(goalPush("m1", 8, "Griezmann (pen.)")),
    ]);
    expect(bodies(f)).toEqual(["Griezmann (pen.)"]);
  });

  it("goes ahead with the next push once the one before has not been shown within pushTurnTimeoutMs", async () => {
    const f = worker({ pushTurnTimeoutMs: 100 });
    f.showDelays.push(Number.POSITIVE_INFINITY); // the browser never finishes showing this one
    void f.push(goalPush("m1", 7, "stuck"));
    await f.push(goalPush("m2", 3, "Mbappé", "m2:goal-1"));
    expect(bodies(f)).toEqual(["Mbappé"]);
  });

  it("shows nothing when a visible window says it is live on that match", async () => {
    const f = worker();
    const w = f.openWindow("https://buzz.test/sdk-demo/?match=m1");
    f.say(w, ["m1"]);
    await f.push(goalPush("m1", 3, "on the page already"));
    expect(f.tray).toEqual([]);
    expect(w.asked).toBe(0);
  });

  it("shows it when the live window is hidden, live on another match, no longer live, or closed", async () => {
    const f = worker();
    const hidden = f.openWindow("https://buzz.test/a", "hidden");
    f.say(hidden, ["m1"]);
    const other = f.openWindow("https://buzz.test/b");
    f.say(other, ["m2"]);
    await f.push(goalPush("m1", 1, "hidden window", "t1"));
    f.say(other, ["m1"]);
    f.say(other, []);
    await f.push(goalPush("m1", 2, "recovering window", "t2"));
    f.say(other, ["m1"]);
    f.closeWindow(other);
    const fresh = f.openWindow("https://buzz.test/c", "visible", []);
    await f.push(goalPush("m1", 3, "closed window", "t3"));
    expect(bodies(f)).toEqual(["hidden window", "recovering window", "closed window"]);
    expect(fresh.asked).toBe(1);
  });

  it("after a restart (nothing heard yet) asks the visible windows, and remembers the answer", async () => {
    const f = worker();
    const live = f.openWindow("https://buzz.test/sdk-demo/?match=m1", "visible", ["m1"]);
    await f.push(goalPush("m1", 1, "live page answered"));
    await f.push(goalPush("m1", 2, "still live"));
    expect(f.tray).toEqual([]);
    expect(live.asked).toBe(1);
  });

  it("shows it when a visible window does not answer in time", async () => {
    const f = worker();
    const silent = f.openWindow("https://buzz.test/", "visible", undefined);
    await f.push(goalPush("m1", 1, "nobody answered"));
    expect(bodies(f)).toEqual(["nobody answered"]);
    expect(silent.asked).toBe(1);
  });

  it("shows it when asking a window fails (a window closing as the push arrives)", async () => {
    const f = worker();
    const closing = f.openWindow("https://buzz.test/", "visible", "closing");
    await f.push(goalPush("m1", 1, "shown anyway"));
    expect(bodies(f)).toEqual(["shown anyway"]);
    expect(closing.asked).toBe(1);
  });

  it("shows a payload that is not Buzz's as it came (userVisibleOnly: every push shows something)", async () => {
    const f = worker({ fallbackTitle: "Buzz test" });
    await f.push("plain text from the DevTools push button");
    expect(f.tray).toEqual([{ title: "Buzz test", body: "plain text from the DevTools push button" }]);
  });
});

describe("startBuzzServiceWorker: notificationclick", () => {
  it("focuses a window already on the match page", async () => {
    const f = worker();
    const other = f.openWindow("https://buzz.test/");
    const page = f.openWindow("https://buzz.test/sdk-demo/?match=m1#events");
    await f.click(goalPush("m1", 1, "x").data);
    expect([page.focused, other.focused]).toEqual([1, 0]);
    expect(f.opened).toEqual([]);
  });

  it("opens the match page (resolved against the scope) when no window shows it", async () => {
    const f = worker();
    f.openWindow("https://buzz.test/sdk-demo/?match=other");
    await f.click(goalPush("m1", 1, "x").data);
    await f.click(undefined);
    expect(f.opened).toEqual(["https://buzz.test/sdk-demo/?match=m1", "https://buzz.test/"]);
  });
});
