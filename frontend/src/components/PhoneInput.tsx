import { Group, Input, Select, TextInput, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { IconPhone } from '@tabler/icons-react';
import { forwardRef, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryOptions } from '@/lib/countries';
import { callingCode, isCountryCode, type CountryCode } from '@/lib/phone';

interface Props {
  label: string;
  value: string;
  country: string;
  onChange: (value: string) => void;
  onCountryChange: (country: CountryCode) => void;
  onBlur?: () => void;
  error?: string;
}

/** A phone number with its country: local spellings are read with the chosen country's rules. */
export const PhoneInput = forwardRef<HTMLInputElement, Props>(function PhoneInput(props, ref) {
  const { label, value, country, onChange, onCountryChange, onBlur, error } = props;
  const { t, i18n } = useTranslation();
  const id = useId();
  const { data, names } = useMemo(() => {
    const all = countryOptions(i18n.language);
    return {
      data: all.map((o) => ({ value: o.value, label: `${o.value} ${callingCode(o.value)}` })),
      names: new Map(all.map((o) => [o.value as string, o.label])),
    };
  }, [i18n.language]);
  const filter: OptionsFilter = ({ options, search }) => {
    const needle = search.trim().toLowerCase();
    return (options as ComboboxItem[]).filter(
      (o) => o.label.toLowerCase().includes(needle) || (names.get(o.value) ?? '').toLowerCase().includes(needle),
    );
  };

  return (
    <Input.Wrapper label={label} error={error} id={id}>
      <Group gap={0} wrap="nowrap">
        <Select
          aria-label={t('customer.phoneCountry')}
          data={data}
          filter={filter}
          value={country}
          onChange={(v) => isCountryCode(v) && onCountryChange(v)}
          searchable
          allowDeselect={false}
          w={110}
          styles={{ input: { borderTopRightRadius: 0, borderBottomRightRadius: 0 } }}
          renderOption={({ option }) => `${names.get(option.value) ?? option.value} (${option.label})`}
          comboboxProps={{ width: 280, position: 'bottom-start' }}
          data-testid="phone-country"
        />
        <TextInput
          ref={ref}
          id={id}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          onBlur={onBlur}
          error={Boolean(error)}
          style={{ flex: 1 }}
          styles={{ input: { borderTopLeftRadius: 0, borderBottomLeftRadius: 0, marginLeft: -1 } }}
          leftSection={<IconPhone size={16} />}
          data-testid="phone-input"
        />
      </Group>
    </Input.Wrapper>
  );
});
