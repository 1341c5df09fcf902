import { notifications } from '@mantine/notifications';
import i18n from '@/i18n';
import { problemText } from '@/i18n/codes';

/** A failed request as a toast, its problem code in the UI language. */
export function notifyError(error: unknown, title?: string): void {
  notifications.show({ color: 'red', title, message: problemText(i18n.t, error), autoClose: 8000 });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}
