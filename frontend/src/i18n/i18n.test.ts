import { describe, expect, it } from 'vitest';
import en from './en.json';
import pl from './pl.json';
import uk from './uk.json';
import ru from './ru.json';

/** Keys with plural suffixes folded: Polish, Ukrainian and Russian need `_few`/`_many`, English does not. */
function keys(obj: object, prefix = ''): string[] {
  const all = Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`],
  );
  return [...new Set(all)];
}

describe('translations', () => {
  it.each([
    ['pl', pl],
    ['uk', uk],
    ['ru', ru],
  ])('%s has exactly the English keys', (_name, dict) => {
    expect(keys(dict).sort()).toEqual(keys(en).sort());
  });
});
