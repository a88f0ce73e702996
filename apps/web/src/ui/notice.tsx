/** The one sentence for anything the queue pipeline (enrich, route, dispatch) will provide. */
export const PIPELINE_NOT_LANDED = "Not available: the pipeline has not landed.";

export function NotLanded({ detail }: { detail?: string }) {
  return (
    <p className="notice" role="status">
      <strong>{PIPELINE_NOT_LANDED}</strong>
      {detail ? ` ${detail}` : null}
    </p>
  );
}

export function ErrorNotice({ children }: { children: React.ReactNode }) {
  return (
    <p className="notice notice-error" role="alert">
      {children}
    </p>
  );
}

/** What came of an operator's action. */
export interface Outcome {
  ok: boolean;
  text: string;
}

/** An action's outcome: read out as a status when it worked, as an alert when it did not. */
export function OutcomeNotice({
  outcome,
  children,
}: {
  outcome: Outcome | undefined;
  children?: React.ReactNode;
}) {
  if (!outcome) return null;
  return (
    <p role={outcome.ok ? "status" : "alert"} className={outcome.ok ? "ok" : "notice notice-error"}>
      {outcome.text}
      {children ? <> {children}</> : null}
    </p>
  );
}
