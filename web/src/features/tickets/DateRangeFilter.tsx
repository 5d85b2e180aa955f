import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

// Its own chunk: the date picker is a large part of antd and the queue must load fast.
export default function DateRangeFilter({
  value,
  onChange,
  placeholder,
}: {
  value?: [string, string];
  onChange: (v: [string, string] | undefined) => void;
  placeholder: string;
}) {
  return (
    <DatePicker.RangePicker
      value={value ? [dayjs(value[0]), dayjs(value[1])] : null}
      onChange={(v) => onChange(v?.[0] && v[1] ? [(v[0] as Dayjs).startOf('day').format(), (v[1] as Dayjs).endOf('day').format()] : undefined)}
      placeholder={[placeholder, '']}
      autoFocus={!value}
    />
  );
}
