import { createClient } from "@buzz/client-sdk";
import { BuzzProvider } from "@buzz/client-sdk/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { AdminProvider } from "./admin/index.js";
import { App } from "./app/index.js";
import "./styles.css";

// The gateway serves this page, so the API and the live sockets are on the same origin.
const buzz = createClient({ baseUrl: window.location.origin });

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <BuzzProvider client={buzz}>
      <AdminProvider>
        <App />
      </AdminProvider>
    </BuzzProvider>
  </StrictMode>,
);
