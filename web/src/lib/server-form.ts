import type { FormInstance } from 'antd';
import { useEffect, useRef } from 'react';

/**
 * Values for a settings form kept on the server (发信设置, 收信邮箱, 短信网关). The caller renders the
 * form only once they are here, as its `initialValues`: a form shown before its load finished had
 * what the admin typed replaced by the late copy (a save then sent an empty host). Later copies —
 * the refetch after a save, another admin's change — refresh the form only while nobody has
 * touched it, so a background refetch never throws away an edit in progress either.
 */
export function useServerFormValues<F, D>(form: FormInstance<F>, data: D | undefined, toValues: (data: D) => Partial<F>): Partial<F> | undefined {
  const convert = useRef(toValues);
  convert.current = toValues;
  const seen = useRef<D | undefined>(undefined);
  useEffect(() => {
    const first = seen.current === undefined;
    seen.current = data;
    // The first copy is already in the form as its initial values.
    if (data === undefined || first || form.isFieldsTouched()) return;
    form.setFieldsValue(convert.current(data) as Parameters<FormInstance<F>['setFieldsValue']>[0]);
  }, [data, form]);
  return data === undefined ? undefined : toValues(data);
}
