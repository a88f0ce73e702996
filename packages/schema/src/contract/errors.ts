/** One thing wrong with a request, as the error body's `issues` lists it. */
export interface Issue {
  path: (string | number)[];
  message: string;
  code?: string;
}

/** The one error body of the public contract. */
export interface ErrorBody {
  error: { code: string; message: string; issues?: Issue[] };
}

export function describeIssues(issues: Issue[]): string {
  const first = issues[0];
  if (!first) return "invalid request";
  const where = first.path.length ? first.path.join(".") : "body";
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return `${where}: ${first.message}${more}`;
}
