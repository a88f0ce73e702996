import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { stubApi } from "../testing/api.js";
import { renderPage } from "../testing/render.js";
import { App } from "./index.js";

describe("App", () => {
  it("the skip link focuses the content and keeps the route (its #main is not a page)", () => {
    stubApi(() => undefined);
    window.location.hash = "#/ops";
    renderPage(<App />);
    fireEvent.click(screen.getByRole("button", { name: "Skip to content" }));
    expect(document.activeElement?.id).toBe("main");
    expect(window.location.hash).toBe("#/ops");
    expect(screen.getByRole("link", { current: "page" }).textContent).toBe("Operations");
  });
});
