import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import 'dayjs/locale/pl';
import 'dayjs/locale/uk';
import 'dayjs/locale/ru';

/*
 * Every date field formats with the locale's `L` (27.03.1988, 03/27/1988): without
 * localizedFormat dayjs prints the letter itself, and without customParseFormat a typed date
 * cannot be read back in that same format. Loaded once, before any picker renders.
 */
dayjs.extend(localizedFormat);
dayjs.extend(customParseFormat);

/** The format every date field shows: the UI language's short date. */
export const DATE_FORMAT = 'L';

/**
 * A date typed into a field, read as the UI language writes it (`L`), or as an ISO date;
 * `YYYY-MM-DD`, or null when it is no date.
 */
export function parseTypedDate(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  for (const format of [DATE_FORMAT, 'YYYY-MM-DD', 'D.M.YYYY', 'D/M/YYYY']) {
    const parsed = dayjs(text, format, true);
    if (parsed.isValid()) return parsed.format('YYYY-MM-DD');
  }
  return null;
}
