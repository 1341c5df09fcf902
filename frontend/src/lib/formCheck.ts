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
