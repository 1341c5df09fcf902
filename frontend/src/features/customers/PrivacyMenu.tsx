import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload, IconEraser, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { ConfirmModal } from '@/components/ConfirmModal';
import { useCan } from '@/features/auth/queries';
import { notifyError, notifySuccess } from '@/lib/notify';
import { type PersonalDataFormat, useDownloadPersonalData, useEraseCustomer } from './privacy';
import { customerName } from './queries';

/** The person's rights on the 360 page: hand over their data, or erase them at their request. */
export function PrivacyMenu({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const canExport = useCan('exports');
  const canErase = useCan('admin');
  const download = useDownloadPersonalData();
  const erase = useEraseCustomer();
  const [erasing, setErasing] = useState(false);
  if (!canExport && !canErase) return null;
  const name = customerName(customer);
  const erased = Boolean(customer.erased_at);

  const take = (format: PersonalDataFormat) =>
    download.mutate({ id: customer.id, format }, { onError: (error) => notifyError(error) });

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconLock size={16} />}
            rightSection={<IconChevronDown size={14} />}
            loading={download.isPending}
            data-testid="privacy-menu"
          >
            {t('customer.privacy.menu')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {canExport && (
            <>
              <Menu.Item leftSection={<IconDownload size={16} />} onClick={() => take('json')}>
                {t('customer.privacy.downloadJson')}
              </Menu.Item>
              <Menu.Item leftSection={<IconDownload size={16} />} onClick={() => take('zip')}>
                {t('customer.privacy.downloadZip')}
              </Menu.Item>
            </>
          )}
          {canErase && !erased && (
            <>
              <Menu.Divider />
              <Menu.Item
                color="red"
                leftSection={<IconEraser size={16} />}
                onClick={() => setErasing(true)}
                data-testid="erase-customer"
              >
                {t('customer.privacy.erase')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <ConfirmModal
        opened={erasing}
        title={t('customer.privacy.eraseTitle')}
        message={t('customer.privacy.eraseMessage', { name })}
        confirmLabel={t('customer.privacy.erase')}
        typeToConfirm={name}
        loading={erase.isPending}
        onClose={() => setErasing(false)}
        onConfirm={() =>
          erase.mutate(customer.id, {
            onSuccess: () => {
              notifySuccess(t('customer.privacy.erased'));
              setErasing(false);
            },
            onError: (error) => notifyError(error),
          })
        }
      />
    </>
  );
}
