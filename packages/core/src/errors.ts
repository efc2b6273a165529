/**
 * Every failure insitu reports carries one of these codes. The code survives the worker boundary
 * (see `toErrorInfo` / `fromErrorInfo`), so a page can branch on it.
 */
export type ErrorCode =
  | 'invalid_event'
  | 'invalid_config'
  | 'invalid_request'
  | 'invalid_catalog'
  | 'catalog_load_failed'
  | 'storage_unavailable'
  | 'quota_exceeded'
  | 'model_load_failed'
  | 'artifact_mismatch'
  | 'worker_unavailable'
  | 'consent_required'
  | 'invalid_input'
  | 'internal';

/** The one error type of insitu. `field` names the offending input field where there is one. */
export class InsituError extends Error {
  override readonly name = 'InsituError';
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.field = options.field;
  }
}

/** Plain, structured-cloneable form of an error, for postMessage and for `on('error')`. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  field?: string;
}

/** Turns anything thrown into an `ErrorInfo`; unknown throws become `internal`. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof InsituError) {
    return error.field === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, field: error.field };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}

/** Rebuilds an `InsituError` from its plain form. */
export function fromErrorInfo(info: ErrorInfo): InsituError {
  return new InsituError(
    info.code,
    info.message,
    info.field === undefined ? {} : { field: info.field },
  );
}

/** A result that reports failure as a value, for code paths that must never throw. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: InsituError };
