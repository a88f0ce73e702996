import { BuzzProvider } from "@buzz/client-sdk/react";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { AdminProvider } from "../admin/index.js";
import { FakeBuzz } from "./fake-buzz.js";

/** Renders a page as main.tsx does, on a FakeBuzz the test drives. */
export function renderPage(ui: ReactNode, buzz = new FakeBuzz()) {
  const result = render(
    <BuzzProvider client={buzz}>
      <AdminProvider>{ui}</AdminProvider>
    </BuzzProvider>,
  );
  return { ...result, buzz };
}
