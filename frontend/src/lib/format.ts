export interface FormatSettings {
  locale: string;
  currency: string;
  timeZone: string;
}

export interface Formatters {
  money: (value: string | number | null | undefined) => string;
  number: (value: number | null | undefined) => string;
  date: (value: string | null | undefined) => string;
  dateTime: (value: string | null | undefined) => string;
  relative: (value: string | null | undefined, now?: Date) => string;
  /** A moment as a person says it: "yesterday 14:02", "today 09:15", or the date and time. */
  when: (value: string | null | undefined, now?: Date) => string;
  /** A period-over-period change in percent, unsigned (the arrow shows the direction). */
  change: (percent: number) => string;
}

const DASH = '—';

function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A plain `YYYY-MM-DD` is a calendar date: format it without shifting it through a time zone. */
function parseDate(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
}

export function makeFormatters({ locale, currency, timeZone }: FormatSettings): Formatters {
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const num = new Intl.NumberFormat(locale);
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dayTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const rel = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
  const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return {
    money: (value) => {
      const n = toNumber(value);
      return n === null ? DASH : money.format(n);
    },
    number: (value) => (value === null || value === undefined ? DASH : num.format(value)),
    date: (value) => (value ? day.format(parseDate(value)) : DASH),
    dateTime: (value) => (value ? dayTime.format(parseDate(value)) : DASH),
    relative: (value, now = new Date()) => {
      if (!value) return DASH;
      const days = Math.round((parseDate(value).getTime() - now.getTime()) / 86_400_000);
      if (Math.abs(days) < 31) return rel.format(days, 'day');
      if (Math.abs(days) < 365) return rel.format(Math.round(days / 30), 'month');
      return rel.format(Math.round(days / 365), 'year');
    },
    when: (value, now = new Date()) => {
      if (!value) return DASH;
      const at = parseDate(value);
      // Calendar days apart in the tenant's time zone: 23:50 yesterday is "yesterday".
      const days = Math.round((Date.parse(dayKey.format(at)) - Date.parse(dayKey.format(now))) / 86_400_000);
      return Math.abs(days) <= 1 ? `${rel.format(days, 'day')} ${time.format(at)}` : dayTime.format(at);
    },
    // A jump from near zero (34 492,7 %) says nothing: past tenfold it reads as "> 1000 %".
    change: (percent) => (Math.abs(percent) > 1000 ? `> ${pct.format(10)}` : pct.format(Math.abs(percent) / 100)),
  };
}
