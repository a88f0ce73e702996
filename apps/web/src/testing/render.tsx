import { BuzzProvider } from "@buzz/client-sdk/react";
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { AdminProvider } from "../admin/index.js";
import { createQueryClient } from "../api/query.js";
import { FakeBuzz } from "./fake-buzz.js";

/** Renders a page as main.tsx does, on a FakeBuzz the test drives and a cache of its own. */
export function renderPage(ui: ReactNode, buzz = new FakeBuzz()) {
  const result = render(
    <QueryClientProvider client={createQueryClient()}>
      <BuzzProvider client={buzz}>
        <AdminProvider>{ui}</AdminProvider>
      </BuzzProvider>
    </QueryClientProvider>,
  );
  return { ...result, buzz };
}
