import { createClient } from "@buzz/client-sdk";
import { BuzzProvider } from "@buzz/client-sdk/react";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { AdminProvider } from "./admin/index.js";
import { createQueryClient } from "./api/query.js";
import { App } from "./app/index.js";
import "./styles.css";

// The gateway serves this page, so the API and the live sockets are on the same origin.
const buzz = createClient({ baseUrl: window.location.origin });
const queries = createQueryClient();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <BuzzProvider client={buzz}>
        <AdminProvider>
          <App />
        </AdminProvider>
      </BuzzProvider>
    </QueryClientProvider>
  </StrictMode>,
);
