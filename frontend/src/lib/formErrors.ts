import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, fieldPath } from '@/api/problem';
import i18n from '@/i18n';
import { problemText } from '@/i18n/codes';
import { notifyError } from './notify';

/**
 * Put the API's per-field problems next to their inputs; anything that maps to no field
 * (or a problem without `errors`) is shown as a toast instead.
 */
export function applyProblemToForm<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  knownFields: readonly string[],
  options: {
    mapPath?: (path: string) => string;
    /** Problems without `errors` that still belong to one field, by code (`email_taken` → `email`). */
    codeFields?: Record<string, string>;
  } = {},
): void {
  const { mapPath = (path: string) => path, codeFields = {} } = options;
  if (!(error instanceof ApiError)) {
    notifyError(error);
    return;
  }
  const field = codeFields[error.problem.code];
  if (error.fieldErrors.length === 0 && field) {
    setError(field as Path<T>, { type: error.problem.code, message: problemText(i18n.t, error) }, { shouldFocus: true });
    return;
  }
  if (error.fieldErrors.length === 0) {
    notifyError(error);
    return;
  }
  let unmapped = false;
  for (const fe of error.fieldErrors) {
    const path = mapPath(fieldPath(fe.loc));
    const root = path.split('.')[0] ?? '';
    if (knownFields.includes(root)) {
      const known = i18n.exists(`validation.${fe.code}`);
      setError(path as Path<T>, { type: fe.code, message: known ? i18n.t(`validation.${fe.code}` as 'validation.invalid') : fe.message }, { shouldFocus: true });
    } else {
      unmapped = true;
    }
  }
  if (unmapped) notifyError(error);
}
