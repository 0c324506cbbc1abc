/** Field-level messages keyed by input name, e.g. { name: "Enter the organisation's name" }. */
export type FieldErrors = Record<string, string>;

/** An error a user can act on; carries its HTTP status and a stable machine-readable code. */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  fields: FieldErrors | undefined;
}

export class NotFound extends AppError {
  readonly status = 404;
  readonly code = "not_found";
  constructor(message = "Page not found") {
    super(message);
  }
}

export class Unauthorised extends AppError {
  readonly status = 401;
  readonly code = "unauthorised";
  constructor(message = "Sign in to continue") {
    super(message);
  }
}

export class Forbidden extends AppError {
  readonly status = 403;
  readonly code = "forbidden";
  constructor(message = "You do not have permission to do that") {
    super(message);
  }
}

export class ValidationFailed extends AppError {
  readonly status: number;
  readonly code = "validation_failed";
  constructor(fields: FieldErrors, message = "There is a problem with the information given", status = 422) {
    super(message);
    this.fields = fields;
    this.status = status;
  }
}

export class BadRequest extends AppError {
  readonly status: number;
  readonly code: string;
  constructor(message: string, code = "bad_request", status = 400) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/** A stale write: someone else changed the record since it was read. `current` is the newer record. */
export class Conflict extends AppError {
  readonly status = 409;
  readonly code = "conflict";
  constructor(
    message = "Someone else changed this record while you were editing it",
    readonly current?: unknown,
  ) {
    super(message);
  }
}

export class TooManyRequests extends AppError {
  readonly status = 429;
  readonly code = "too_many_requests";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export class ServiceUnavailable extends AppError {
  readonly status = 503;
  readonly code = "service_unavailable";
  constructor(message = "Quorum cannot reach its database just now. Try again in a moment.") {
    super(message);
  }
}

/**
 * Runs a write and, if it was refused as stale, answers 409 with the newer record passed through
 * `present`, so an API client sees only what its viewer may see of it.
 */
export async function presentingConflict<T, R>(present: (current: R) => unknown, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof Conflict && err.current) throw new Conflict(err.message, present(err.current as R));
    throw err;
  }
}
