import { Card, Col, Form, Input, Radio, Row, Select, Typography, type FormInstance } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { provinceOfFullAddress } from '@domain/customer/provinces';
import { useCustomers, type Customer } from '@/features/customers/api';
import { ProvinceSelect } from '@/features/customers/region';
import { ExistingCustomerAlert, usePhoneRule, type ExistingCustomer } from '@/features/customers/contact-rules';
import { useI18n } from '@/lib/i18n';
import { useDebounced } from '@/lib/debounced';
import type { NewTicketValues } from './new-ticket-form';

/**
 * The intake form's customer: one found by name or phone, or a new one. Its state lives in a hook the
 * page calls, not in the section: the submit reads the mode and the "create anyway" confirmation.
 */
export function useNewTicketCustomer(form: FormInstance<NewTicketValues>) {
  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [customerSearch, setCustomerSearch] = useState('');
  const search = useDebounced(customerSearch, 250);
  // Exact lookups are limited per user (30 a minute): ask only once a number could be complete.
  const looksLikePhone = /^[\d+\-\s]{7,}$/.test(search.trim());
  const customers = useCustomers(looksLikePhone ? { phone: search.trim(), limit: 20 } : { q: search.trim() || undefined, limit: 20 }, mode === 'existing');
  const [picked, setPicked] = useState<Customer | null>(null);
  // A new customer whose phone or e-mail is known: the server names the customer (409), the form offers it.
  const [existingCustomer, setExistingCustomer] = useState<ExistingCustomer | null>(null);
  const confirmNew = useRef(false);
  const phoneRule = usePhoneRule();
  const contactEdited = () => {
    confirmNew.current = false;
    setExistingCustomer(null);
  };
  const pickExistingCustomer = (c: ExistingCustomer) => {
    setMode('existing');
    setCustomerSearch(c.customerName);
    form.setFieldValue('customerId', c.customerId);
    setExistingCustomer(null);
  };

  const customerOptions = useMemo(
    () =>
      (customers.data?.items ?? []).map((c) => ({
        value: c.id,
        label: `${c.name}${c.contacts[0]?.phone ? ` · ${c.contacts[0].phone}` : ''}`,
      })),
    [customers.data],
  );

  return {
    mode,
    setMode,
    setCustomerSearch,
    customers,
    customerOptions,
    picked,
    setPicked,
    existingCustomer,
    setExistingCustomer,
    confirmNew,
    phoneRule,
    contactEdited,
    pickExistingCustomer,
  };
}

export function NewTicketCustomer({
  form,
  customer,
  busy,
}: {
  form: FormInstance<NewTicketValues>;
  customer: ReturnType<typeof useNewTicketCustomer>;
  /** The ticket is being created. */
  busy: boolean;
}) {
  const { t } = useI18n();
  const { mode, setMode, setCustomerSearch, customers, customerOptions, picked, setPicked, existingCustomer, setExistingCustomer, confirmNew } = customer;
  return (
    <Card
      size="small"
      title={t('new.customerSection')}
      style={{ marginBottom: 12 }}
      extra={
        <Radio.Group
          size="small"
          value={mode}
          onChange={(e) => setMode(e.target.value)}
          optionType="button"
          options={[
            { value: 'existing', label: t('new.existingCustomer') },
            { value: 'new', label: t('new.newCustomer') },
          ]}
          data-testid="customer-mode"
        />
      }
    >
      {mode === 'new' && existingCustomer ? (
        <ExistingCustomerAlert
          existing={existingCustomer}
          onUse={() => customer.pickExistingCustomer(existingCustomer)}
          onCreateAnyway={() => {
            confirmNew.current = true;
            setExistingCustomer(null);
            form.submit();
          }}
          busy={busy}
        />
      ) : null}
      {mode === 'existing' ? (
        <>
          <Form.Item name="customerId" label={t('new.findCustomer')} rules={[{ required: true }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setCustomerSearch }}
              options={customerOptions}
              loading={customers.isFetching}
              onChange={(id) => setPicked(customers.data?.items.find((c) => c.id === id) ?? null)}
              placeholder={t('new.findCustomer')}
              data-testid="customer-select"
            />
          </Form.Item>
          {picked ? (
            <Typography.Text type="secondary">{picked.contacts.map((c) => [c.name, c.phone].filter(Boolean).join(' ')).join('；')}</Typography.Text>
          ) : null}
        </>
      ) : (
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="customerName" label={t('new.customerName')} rules={[{ required: true }]}>
              <Input data-testid="customer-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="customerKind" label={t('new.customerKind')}>
              <Radio.Group
                options={[
                  { value: 'company', label: t('new.kind.company') },
                  { value: 'person', label: t('new.kind.person') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactName" label={t('new.contactName')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="phone" label={t('new.phone')} rules={[customer.phoneRule]}>
              <Input data-testid="customer-phone" onChange={customer.contactEdited} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="email" label={t('new.email')}>
              <Input onChange={customer.contactEdited} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="address" label={t('new.address')}>
              <Input
                data-testid="customer-address"
                onChange={(e) => {
                  // An address that starts with a province's full name (江苏省…, 上海市…) fills an empty province; a short one is no sure sign.
                  const code = provinceOfFullAddress(e.target.value);
                  if (code && !form.getFieldValue('province')) form.setFieldValue('province', code);
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="province" label={t('new.province')} tooltip={t('new.provinceHelp')}>
              <ProvinceSelect />
            </Form.Item>
          </Col>
        </Row>
      )}
    </Card>
  );
}
