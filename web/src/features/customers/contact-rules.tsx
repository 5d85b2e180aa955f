import { Alert, Button, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import { Link } from 'react-router';
import { isValidPhone } from '@domain/customer/phone';
import { ApiError } from '@/lib/http';
import { useI18n } from '@/lib/i18n';

/** The same check the server makes, so a typo is caught before saving. */
export function usePhoneRule(): Rule {
  const { t } = useI18n();
  return { validator: async (_, v?: string) => (!v?.trim() || isValidPhone(v) ? undefined : Promise.reject(new Error(t('phone.invalid')))) };
}

export interface ExistingCustomer {
  customerId: string;
  customerName: string;
}

/** The customer named by a 409 customer_exists, or null for any other error. */
export function existingCustomerOf(err: unknown): ExistingCustomer | null {
  if (!(err instanceof ApiError) || err.code !== 'customer_exists') return null;
  const d = err.details as Partial<ExistingCustomer> | undefined;
  return d?.customerId ? { customerId: d.customerId, customerName: d.customerName ?? '' } : null;
}

/** Offers the customer that already has this phone or e-mail, or creating a new one anyway. */
export function ExistingCustomerAlert(props: { existing: ExistingCustomer; onUse?: () => void; onCreateAnyway: () => void; busy?: boolean }) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={t('dup.exists', { name: props.existing.customerName })}
      data-testid="customer-exists"
      action={
        <Space direction="vertical" size={4}>
          {props.onUse ? (
            <Button size="small" type="primary" onClick={props.onUse} data-testid="use-existing-customer">
              {t('dup.use')}
            </Button>
          ) : (
            <Link to={`/customers/${props.existing.customerId}`} data-testid="open-existing-customer">
              {t('dup.open')}
            </Link>
          )}
          <Button size="small" onClick={props.onCreateAnyway} loading={props.busy} data-testid="create-customer-anyway">
            {t('dup.createAnyway')}
          </Button>
        </Space>
      }
    />
  );
}
