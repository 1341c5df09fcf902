import { Select } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { applyLanguage, isLanguage, LANGUAGES } from '@/i18n';

export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Select
      aria-label={t('shell.language')}
      label={compact ? undefined : t('shell.language')}
      data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
      value={i18n.language}
      onChange={(value) => {
        if (isLanguage(value)) applyLanguage(value, true);
      }}
      allowDeselect={false}
      leftSection={<IconLanguage size={16} />}
      w={compact ? 150 : undefined}
      size={compact ? 'xs' : 'sm'}
      comboboxProps={{ withinPortal: true }}
      data-testid="language-switch"
    />
  );
}
