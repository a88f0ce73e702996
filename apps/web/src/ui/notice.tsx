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
