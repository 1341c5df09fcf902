import { get, useFormContext, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CustomerFormValues } from './schema';

const CODES = ['required', 'email', 'phone', 'too_long', 'missing_contact', 'missing_name'] as const;
type Code = (typeof CODES)[number];

/** The error under an input: our own codes translated, the API's messages shown as they come. */
export function useFieldError(): (name: string) => string | undefined {
  const { t } = useTranslation();
  const { formState } = useFormContext<CustomerFormValues>();
  return (name) => {
    const error: FieldError | undefined = get(formState.errors, name);
    if (!error) return undefined;
    const message = error.message ?? '';
    return (CODES as readonly string[]).includes(message) ? t(`validation.${message as Code}`) : message || t('validation.invalid');
  };
}
