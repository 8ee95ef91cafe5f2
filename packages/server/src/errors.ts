import type { ErrorBody, ErrorCode } from '@cityhub/schema';

export interface FieldProblem {
  field: string;
  reason: string;
  message: string;
}

/** An error that becomes an `ErrorBody` response. Anything else thrown becomes a 500 `internal`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly fields: FieldProblem[] | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, code: ErrorCode, message: string, options: { fields?: FieldProblem[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = options.fields;
    this.headers = options.headers ?? {};
  }
}

export function errorBody(status: number, code: ErrorCode, message: string, requestId?: string, fields?: FieldProblem[]): ErrorBody {
  return {
    error: {
      code,
      message,
      status,
      ...(fields ? { fields } : {}),
      ...(requestId ? { requestId } : {}),
    },
  };
}

export const notFound = (message: string) => new ApiError(404, 'not_found', message);
export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);
/** An `Idempotency-Key` reused for a different request (reliability #2). */
export const idempotencyConflict = () =>
  new ApiError(422, 'idempotency_conflict', 'this Idempotency-Key was already used with a different request');
