import type { ErrorBody, Issue } from "@buzz/schema/contract";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** What went wrong, as plain data: the same on both sides of a Durable Object's RPC boundary. */
export interface ErrorInfo {
  status: ContentfulStatusCode;
  code: string;
  message: string;
  issues?: Issue[];
}

/**
 * The one error a request ends in, thrown anywhere from the MatchRoom's pure core to a route handler; app.onError
 * answers it with the contract's body. Not an HTTPException, so the room's core stays free of the web framework.
 */
export class DomainError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  static from(info: ErrorInfo): DomainError {
    return new DomainError(info.status, info.code, info.message, info.issues);
  }

  info(): ErrorInfo {
    return {
      status: this.status,
      code: this.code,
      message: this.message,
      ...(this.issues?.length ? { issues: this.issues } : {}),
    };
  }

  body(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.issues?.length ? { issues: this.issues } : {}),
      },
    };
  }
}
