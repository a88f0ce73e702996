import { useState } from "react";
import { ForgetToken, RequireAdmin } from "../admin/index.js";
import { DeadLetters } from "./dead-letters.js";
import { PipelineReplay } from "./pipeline-replay.js";
import { ReplayForm } from "./replay-form.js";
import { SimulationsList } from "./simulations-list.js";
import { VarPanel } from "./var-panel.js";

/** The operations console (admin token): replays, VAR, and the pipeline's repair tools. */
export function OpsPage() {
  return (
    <section aria-labelledby="ops-title">
      <div className="page-head">
        <h2 id="ops-title">Operations</h2>
        <ForgetToken />
      </div>
      <RequireAdmin what="The operations console">{(token) => <Console token={token} />}</RequireAdmin>
    </section>
  );
}

function Console({ token }: { token: string }) {
  const [started, setStarted] = useState(0);
  return (
    <div className="grid-2">
      <ReplayForm token={token} onStarted={() => setStarted((n) => n + 1)} />
      <SimulationsList token={token} version={started} />
      <VarPanel token={token} />
      <PipelineReplay token={token} />
      <DeadLetters token={token} />
    </div>
  );
}
