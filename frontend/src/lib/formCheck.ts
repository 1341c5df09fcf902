import { useState } from 'react';
import { useWatch, type Control, type FieldValues } from 'react-hook-form';
import type { z } from 'zod';

/**
 * The form's current values checked against its schema while the user types: small forms keep
 * their submit button disabled until the values would pass, and some show one rule (e.g. above
 * the balance) before any submit. The same schema validates the submit through `zodResolver`.
 */
export function useFormCheck<T extends FieldValues>(schema: z.ZodType, control: Control<T>) {
  const values = useWatch({ control });
  const result = schema.safeParse(values);
  const issue = (path: string) => result.error?.issues.find((i) => i.path.join('.') === path)?.message;
  return { valid: result.success, issue };
}

/**
 * The last value that was not null: a modal opened for a value (a voucher, a mode) keeps showing
 * its form while it fades out after the value is cleared, as Mantine unmounts it only then.
 */
export function useLastDefined<T>(value: T | null): T | null {
  const [last, setLast] = useState(value);
  if (value !== null && value !== last) setLast(value);
  return value ?? last;
}
