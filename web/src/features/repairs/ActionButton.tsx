import { App, Button, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { errorText } from '@/lib/http';
import { useRepairAction } from './api';
import { useRepairI18n } from './messages';

/**
 * One repair action: a button, optionally a modal form, then the write. Errors come back in the
 * user's language (the server's 409 names the allowed moves).
 */
export function ActionButton({
  repairId,
  path,
  method = 'POST',
  label,
  testId,
  type,
  form,
  toBody,
  title,
  initialValues,
  width,
}: {
  repairId: string;
  path: string;
  method?: 'POST' | 'PUT';
  label: string;
  testId: string;
  type?: 'primary' | 'default';
  /** The fields of the modal; without it the action runs on click. */
  form?: (f: FormInstance) => ReactNode;
  toBody?: (values: Record<string, unknown>) => unknown;
  title?: string;
  initialValues?: Record<string, unknown>;
  width?: number;
}) {
  const { message } = App.useApp();
  const { t } = useRepairI18n();
  const action = useRepairAction();
  const [open, setOpen] = useState(false);
  const [f] = Form.useForm();
  const run = async (body: unknown) => {
    try {
      await action.mutateAsync({ id: repairId, path, method, body });
      message.success(t('rp.done'));
      setOpen(false);
      f.resetFields();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <>
      <Button
        size="small"
        type={type}
        data-testid={testId}
        loading={!form && action.isPending}
        onClick={() => (form ? setOpen(true) : run(toBody ? toBody({}) : undefined))}
      >
        {label}
      </Button>
      {form ? (
        <Modal
          open={open}
          title={title ?? label}
          width={width}
          onCancel={() => setOpen(false)}
          okText={t('rp.save')}
          okButtonProps={{ 'data-testid': `${testId}-ok`, loading: action.isPending } as never}
          onOk={async () => {
            const values = (await f.validateFields()) as Record<string, unknown>;
            await run(toBody ? toBody(values) : values);
          }}
          destroyOnHidden
        >
          <Form form={f} layout="vertical" initialValues={initialValues} preserve={false}>
            {form(f)}
          </Form>
        </Modal>
      ) : null}
    </>
  );
}
