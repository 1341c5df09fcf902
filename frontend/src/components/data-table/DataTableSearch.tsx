import { CloseButton, Kbd, TextInput } from '@mantine/core';
import { useDebouncedCallback, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  placeholder: string;
  delay?: number;
}

/** Quick search: filters as you type, `/` focuses it, ↓ moves into the table's first row. */
// 50 ms: keys typed in a burst come closer together than that, so a burst is one request; at an
// ordinary pace (100-200 ms a key) every key asks anyway, whatever the wait, and the list
// narrows as they type (a response for an older search is never shown over a newer one). The
// wait comes straight off the 200 ms keystroke-to-rows budget (#17), beside the request and
// the rendering.
export function DataTableSearch({ value, onChange, placeholder, delay = 50 }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value ?? '');
  const [emitted, setEmitted] = useState(value);
  const [seen, setSeen] = useState(value);

  // The URL changed from elsewhere (back button, a link): show what it says.
  if (value !== seen) {
    setSeen(value);
    if (value !== emitted) {
      setEmitted(value);
      setText(value ?? '');
    }
  }

  const emit = (next: string) => {
    const cleaned = next.trim() === '' ? undefined : next.trim();
    setEmitted(cleaned);
    onChange(cleaned);
  };
  const debouncedEmit = useDebouncedCallback(emit, delay);

  useHotkeys([['/', () => input.current?.focus()]]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      emit(text);
    } else if (event.key === 'ArrowDown') {
      const row = document.querySelector<HTMLElement>('table tbody tr[tabindex="0"]');
      if (row) {
        event.preventDefault();
        row.focus();
      }
    } else if (event.key === 'Escape' && text) {
      setText('');
      emit('');
    }
  };

  return (
    <TextInput
      ref={input}
      type="search"
      aria-label={t('table.search')}
      placeholder={placeholder}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        debouncedEmit(e.currentTarget.value);
      }}
      onKeyDown={onKeyDown}
      leftSection={<IconSearch size={16} />}
      rightSection={
        text ? (
          <CloseButton
            aria-label={t('table.clearSearch')}
            onClick={() => {
              setText('');
              emit('');
              input.current?.focus();
            }}
          />
        ) : (
          <Kbd size="xs">/</Kbd>
        )
      }
      style={{ flex: '1 1 280px', maxWidth: 480 }}
      data-testid="quick-search"
    />
  );
}
