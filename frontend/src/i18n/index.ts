import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import '@/lib/dates';
// English is bundled (the fallback of every key); the others load when chosen, so the first
// screen does not carry four languages (the initial-JavaScript budget, scripts/size-check.mjs).
import en from './en.json';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'pl', label: 'Polski' },
  { code: 'uk', label: 'Українська' },
  { code: 'ru', label: 'Русский' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'kt_lang';

declare global {
  interface Window {
    /** Translation keys the screens asked for and no language has (see e2e/i18n.e2e.ts). */
    __i18nMissing?: string[];
  }
}

function recordMissing(key: string): void {
  if (typeof window === 'undefined') return;
  const seen = (window.__i18nMissing ??= []);
  if (!seen.includes(key)) seen.push(key);
  console.warn(`i18n: missing key ${key}`);
}

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((l) => l.code === value);
}

function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  const browser = typeof navigator === 'undefined' ? 'en' : navigator.language.slice(0, 2);
  return isLanguage(browser) ? browser : 'en';
}

/** The user's explicit choice wins over the tenant's default and the browser's. */
export function hasChosenLanguage(): boolean {
  return isLanguage(localStorage.getItem(STORAGE_KEY));
}

type Bundle = { default: Record<string, unknown> };
const BUNDLES: Record<Exclude<Language, 'en'>, () => Promise<Bundle>> = {
  pl: () => import('./pl.json'),
  uk: () => import('./uk.json'),
  ru: () => import('./ru.json'),
};

/** Make a language's strings available (once), before switching to it. */
export async function loadLanguage(language: Language): Promise<void> {
  if (language === 'en' || i18n.hasResourceBundle(language, 'translation')) return;
  const { default: strings } = await BUNDLES[language]();
  i18n.addResourceBundle(language, 'translation', strings);
}

export function applyLanguage(language: Language, remember = false): void {
  if (remember) localStorage.setItem(STORAGE_KEY, language);
  void loadLanguage(language).then(() => {
    document.documentElement.lang = language;
    dayjs.locale(language);
    return i18n.changeLanguage(language);
  });
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  partialBundledLanguages: true,
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
  // Every key asked for and found in no language is recorded: the language walk (e2e) reads them.
  saveMissing: true,
  missingKeyHandler: (_lngs, _ns, key) => recordMissing(key),
});
if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;
dayjs.locale(i18n.language);

/** Resolves when the first language's strings are in: main.tsx renders after it. */
export const i18nReady: Promise<void> = isLanguage(i18n.language)
  ? loadLanguage(i18n.language).then(async () => {
      await i18n.changeLanguage(i18n.language);
    })
  : Promise.resolve();

export default i18n;
