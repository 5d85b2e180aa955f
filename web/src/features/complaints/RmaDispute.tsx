import { App, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { COMPLAINT_READERS, DISPUTE_LEADS } from '@domain/complaint/complaint.roles';
import { COMPLAINT_CHANNELS } from '@domain/complaint/complaint.schemas';
import type { BodyOf, ResponseOf } from '@/lib/contract';
import { api, errorText } from '@/lib/http';
import { can } from '@/lib/roles';
import { complaintKeys } from './api';
import { useComplaintI18n } from './messages';

// 退换货转争议 on an RMA's card: the customer contests it (a refused return, a deduction, the
// responsibility found). The dispute's number links to its page once it exists.

type RmaDisputeBody = BodyOf<'openRmaDispute'>;

export function RmaDispute({ rmaId, role }: { rmaId: string; role: string }) {
  const { t } = useComplaintI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<RmaDisputeBody>();
  const readable = can(role, COMPLAINT_READERS);
  const current = useQuery({
    queryKey: [...complaintKeys.all, 'rma', rmaId],
    queryFn: () => api<ResponseOf<'getRmaDispute'>>(`/rmas/${rmaId}/dispute`),
    enabled: readable,
  });
  const escalate = useMutation({
    mutationFn: (body: RmaDisputeBody) => api<ResponseOf<'openRmaDispute'>>(`/rmas/${rmaId}/dispute`, { method: 'POST', body }),
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: complaintKeys.all });
      setOpen(false);
      navigate(`/disputes/${d.id}`);
    },
    onError: (e) => message.error(errorText(e)),
  });
  if (!readable || !current.data) return null;
  const dispute = current.data.dispute;
  if (dispute)
    return (
      <Typography.Text data-testid="rma-dispute-link">
        {t('rd.inDispute')}{' '}
        <Link to={`/disputes/${dispute.id}`}>
          {t('cp.viewDispute')} {dispute.number}
        </Link>
      </Typography.Text>
    );
  if (!can(role, DISPUTE_LEADS)) return null;
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)} data-testid="rma-dispute">
        {t('rd.escalate')}
      </Button>
      <Modal
        open={open}
        title={t('rd.escalate')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('cp.submit')}
        okButtonProps={{ loading: escalate.isPending, 'data-testid': 'rma-dispute-ok' } as never}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('rd.hint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ channel: 'phone' }} onFinish={(v) => escalate.mutate(v)}>
          <Form.Item name="channel" label={t('rd.channel')}>
            <Select options={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: t(`rd.channel.${c}`) }))} data-testid="rma-dispute-channel" />
          </Form.Item>
          <Form.Item name="customerClaim" label={t('cp.customerClaim')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="rma-dispute-claim" />
          </Form.Item>
          <Form.Item name="reason" label={t('dp.reason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="rma-dispute-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
