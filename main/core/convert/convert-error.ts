import type { ErrorCode } from '../../../preload/contract';
import { AppError } from '../rpc/app-error';

/** Why a conversion failed; each maps to an error code with English and Japanese text. */
export type ConvertFailure =
  | 'unavailable'
  | 'password'
  | 'corrupt'
  | 'empty'
  | 'unsupported'
  | 'too_large'
  | 'timeout'
  | 'cancelled'
  | 'failed';

const CODES: Record<ConvertFailure, ErrorCode> = {
  unavailable: 'office_missing',
  password: 'file_encrypted',
  corrupt: 'file_damaged',
  empty: 'file_empty',
  unsupported: 'file_type_unknown',
  too_large: 'file_too_large',
  timeout: 'conversion_timeout',
  cancelled: 'cancelled',
  failed: 'file_conversion_failed',
};

/** A conversion that did not give a PDF: the UI shows its code's text, the CLI its reason. */
export class ConvertError extends AppError {
  constructor(
    readonly failure: ConvertFailure,
    message: string,
  ) {
    super(CODES[failure], message);
    this.name = 'ConvertError';
  }
}
