import { Card, Col, Descriptions, Form, Input, Row } from 'antd';
import { WarrantyCheckPanel } from '@/features/warranty/WarrantyDecision';
import type { ResponseOf } from '@/lib/contract';
import { fmtDate } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { WarrantyTag } from './tags';

/** The intake form's product: the unit found by its serial number, with its warranty. */
export function NewTicketProduct({
  serialQuery,
  onSerialQuery,
  unit,
}: {
  /** The serial number looked up (on search or on leaving the field). */
  serialQuery: string;
  onSerialQuery(serialNumber: string): void;
  /** The unit of that serial number: null when there is none, undefined while unknown. */
  unit: ResponseOf<'getSerialUnitBySerial'> | null | undefined;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('new.productSection')} style={{ marginBottom: 12 }}>
      <Row gutter={12} align="bottom">
        <Col xs={24} md={10}>
          <Form.Item
            name="serialNumber"
            label={t('new.serialNumber')}
            validateStatus={serialQuery && unit === null ? 'warning' : undefined}
            help={serialQuery && unit === null ? t('new.serialNotFound') : undefined}
          >
            <Input.Search
              enterButton={t('new.serialLookup')}
              onSearch={(v) => onSerialQuery(v.trim())}
              onBlur={(e) => onSerialQuery(e.target.value.trim())}
              data-testid="serial-input"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          {unit ? (
            <Descriptions size="small" column={1} style={{ marginBottom: 24 }} data-testid="serial-unit">
              <Descriptions.Item label={t('queue.model')}>
                {unit.model.modelNumber} {unit.model.name}
              </Descriptions.Item>
              <Descriptions.Item label={t('new.purchaseDate')}>{fmtDate(unit.purchaseDate)}</Descriptions.Item>
              <Descriptions.Item label={t('new.warranty')}>
                <WarrantyTag warranty={unit.warranty} />
              </Descriptions.Item>
            </Descriptions>
          ) : null}
        </Col>
      </Row>
      {unit ? <WarrantyCheckPanel serialNumber={unit.serialNumber} /> : null}
    </Card>
  );
}
