import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '@balcony/shared';

/** An error that reaches the client as `{ error: { code, message, field? } }`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** For a template: the JSON path of the problem. */
    readonly path?: string,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}), ...(this.path ? { path: this.path } : {}) } };
  }
}
