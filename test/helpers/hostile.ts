// Generators for the hostile-input property test: requests shaped by each route's own OpenAPI
// schema (so many get past validation into the services and the database), with hostile values
// mixed in at every level.
import fc from 'fast-check';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an OpenAPI document, walked generically
type JsonSchema = Record<string, any>;

const LONG = 10_000;
/** Strings a database, a tokenizer, an HTML page or a log line may choke on. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '\uDBFF\uDBFF',
  '\u202Egnp.exe',
  '\u2066\u2067\u2068\u2069\u202A\u202B\u202C\u202D',
  '\u200B\u200C\u200D\uFEFF',
  '👩‍👩‍👧‍👦🇨🇳🏳️‍🌈',
  'e\u0301\u0301\u0301\u0301',
  '\u0007\u001b[31m\r\n\t',
  'a'.repeat(LONG),
  '中'.repeat(LONG),
  `${'日志'.repeat(20)}${'A'.repeat(LONG)}`,
  'x '.repeat(LONG / 2),
  "' OR '1'='1' --",
  "'; DROP TABLE tickets; --",
  '\\',
  '%_%',
  '$1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  '../../../../etc/passwd',
  '${7*7}{{7*7}}%s%n',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'NaN',
  'null',
  '1e309',
  '-0',
  '9'.repeat(400),
  '2026-02-30',
  '0000-00-00',
  '9999-12-31T23:59:59.999Z',
  '2026-11-20T10:00:00+99:99',
  '+275760-09-13T00:00:00.000Z',
  'WX20261120001',
];

const EDGE_UNITS = fc.constantFrom('\u0000', '\uD800', '\uDC00', '\u202E', '\u200B', 'a', '中', '😀', "'", '"', '<', '\\', ' ', '\n');

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ unit: EDGE_UNITS, maxLength: 30 }), weight: 2 },
);

const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, 1.5, -(2 ** 31), 2 ** 31, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 5e-324),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

function nest(depth: number): unknown {
  let v: unknown = 'deep';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** An object whose own keys are the names prototype pollution uses. */
export function withPrototypeKeys(base: Record<string, unknown>, value: unknown): Record<string, unknown> {
  const o = { ...base };
  for (const k of ['constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']) o[k] = value;
  Object.defineProperty(o, '__proto__', { value, enumerable: true, configurable: true, writable: true });
  return o;
}

/** Any value of any type, including the shapes that break recursive or type-trusting code. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 6 },
  { arbitrary: hostileNumber, weight: 2 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: fc.constantFrom(nest(10), nest(40), nest(200)), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      Array.from({ length: 2000 }, (_, i) => i),
      Array.from({ length: 300 }, () => 'x'.repeat(100)),
    ),
    weight: 1,
  },
  { arbitrary: fc.jsonValue({ maxDepth: 1 }).map((v) => withPrototypeKeys({ a: 1 }, v)), weight: 1 },
);

export interface IdPool {
  /** Ids of existing rows by kind ('ticket', 'customer', 'user' …); a field or parameter named for a
   * kind gets ids of that kind, so generated requests reach the rows behind them. */
  ids: Record<string, string[]>;
  /** Values for string path parameters that are not uuids (calendar ids, policy keys). */
  names: string[];
}

const KIND_OF_SEGMENT: Record<string, string> = {
  tickets: 'ticket',
  customers: 'customer',
  users: 'user',
  'product-models': 'productModel',
  'serial-units': 'serialUnit',
  contracts: 'contract',
  'api-tokens': 'token',
  'timeout-explanations': 'explanation',
  'fault-categories': 'faultCategory',
  rmas: 'rma',
  refunds: 'refund',
  followups: 'followup',
  complaints: 'complaint',
  disputes: 'dispute',
  'mediation-bodies': 'mediationBody',
  incidents: 'incident',
  quality: 'qualityReport',
  requests: 'privacyRequest',
  purges: 'purgeRun',
};

/** The kind of id a property (`customerId`) or path parameter (`:id` after `/tickets/`) holds. */
export function kindOf(name: string, previousSegment?: string): string | undefined {
  if (name === 'id' && previousSegment) return KIND_OF_SEGMENT[previousSegment];
  const m = /^(.*)Id$/.exec(name);
  if (!m) return undefined;
  if (m[1] === 'owner' || m[1] === 'assignee') return 'user';
  if (m[1] === 'token' || m[1] === 'explanation') return m[1];
  return m[1];
}

function idsFor(pool: IdPool, kind: string | undefined): string[] {
  const own = kind ? pool.ids[kind] : undefined;
  return own?.length ? own : Object.values(pool.ids).flat();
}

const DATE_NAMES = /date$|Date$|^valid(From|To)$|^holidays$|^makeUpWorkdays$/;
const DATE_TIME_NAMES = /At$/;
const SAMPLES: [RegExp, string[]][] = [
  [/timeZone/i, ['Asia/Shanghai', 'UTC', 'America/New_York', 'Asia/Kolkata', 'Mars/Olympus']],
  [/phone/i, ['13812345678', '+86 21 5888 0000', '010-12345678', '1'.repeat(40)]],
  [/^(start|end)$/, ['09:00', '12:00', '13:30', '18:00', '24:00', '00:00']],
  [/calendar/i, ['cn-workdays', '24x7', 'hostile-cal', 'no-such-calendar']],
  // iCalendar text for calendar imports: real events, impossible years, overlapping days, junk.
  [
    /^content$/,
    [
      ics('20270101', '元旦'),
      ics('20270211', '上班') + ics('20270211', '春节'),
      ics('18000101', '休'),
      ics('99991231', '休'),
      ics('20270230', '休'),
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\nEND:VEVENT',
      'x'.repeat(LONG),
    ],
  ],
];

function ics(date: string, summary: string): string {
  return `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:${date}\r\nSUMMARY:${summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
}

function dateArb(): fc.Arbitrary<string> {
  return fc.date({ min: new Date('1899-01-01T00:00:00Z'), max: new Date('2201-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
}

function stringFor(s: JsonSchema, pool: IdPool, name: string): fc.Arbitrary<string> {
  if (s.format === 'uuid') return fc.oneof({ arbitrary: fc.constantFrom(...idsFor(pool, kindOf(name))), weight: 6 }, { arbitrary: fc.uuid(), weight: 1 });
  if (!s.format && DATE_NAMES.test(name)) return stringFor({ ...s, format: 'date' }, pool, '');
  if (!s.format && DATE_TIME_NAMES.test(name)) return stringFor({ ...s, format: 'date-time' }, pool, '');
  const samples = SAMPLES.find(([re]) => re.test(name))?.[1];
  if (samples) return fc.oneof({ arbitrary: fc.constantFrom(...samples), weight: 4 }, { arbitrary: stringFor(s, pool, ''), weight: 1 });
  if (s.format === 'date')
    return fc.oneof(
      dateArb().map((d) => d.slice(0, 10)),
      fc.constantFrom('2026-11-20', '2027-01-01', '2027-02-11'),
    );
  if (s.format === 'date-time')
    return fc.oneof(
      dateArb(),
      dateArb().map((d) => `${d.slice(0, 19)}+08:00`),
    );
  if (s.format === 'email') return fc.oneof(fc.emailAddress(), fc.constant('zhang.san@example.com'));
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 60;
  // Within the schema's limits: text that is valid yet unusual (emoji, bidi, SQL, HTML, the longest
  // allowed). Values over the limits come from the hostile layer.
  const fits = (x: string) => x.length >= min && x.length <= max;
  const unusual = HOSTILE_STRINGS.filter((x) => fits(x) && !/[\u0000\uD800-\uDFFF]/.test(x.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')));
  const options: fc.WeightedArbitrary<string>[] = [
    { arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 40) }), weight: 6 },
    { arbitrary: fc.constantFrom(...unusual, 'x'.repeat(Math.max(min, max))), weight: 3 },
  ];
  const names = pool.names.filter(fits);
  if (names.length) options.push({ arbitrary: fc.constantFrom(...names), weight: 1 });
  if (s.pattern) {
    try {
      const matching = fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= max);
      return fc.oneof({ arbitrary: matching, weight: 30 }, ...options);
    } catch {
      // a pattern fast-check cannot invert: plain strings will do
    }
  }
  return fc.oneof(...options);
}

/**
 * Values per the schema; each node is replaced by a hostile value one time in HOSTILE_ODDS, so a
 * good share of requests is valid but for one or two fields and reaches the services.
 */
const HOSTILE_ODDS = 25;
export function fromSchema(s: JsonSchema | undefined, pool: IdPool, name = ''): fc.Arbitrary<unknown> {
  if (!s) return hostileValue;
  const shaped = shapedFromSchema(s, pool, name);
  return fc.oneof({ arbitrary: shaped, weight: HOSTILE_ODDS - 1 }, { arbitrary: hostileValue, weight: 1 });
}

function shapedFromSchema(s: JsonSchema, pool: IdPool, name: string): fc.Arbitrary<unknown> {
  const alternatives = s.oneOf ?? s.anyOf;
  let arb: fc.Arbitrary<unknown>;
  if (alternatives) arb = fc.oneof(...(alternatives as JsonSchema[]).map((x) => shapedFromSchema(x, pool, name)));
  else if (s.enum) arb = fc.constantFrom(...(s.enum as unknown[]));
  else if (s.const !== undefined) arb = fc.constant(s.const);
  else {
    switch (Array.isArray(s.type) ? s.type.find((x: string) => x !== 'null') : s.type) {
      case 'object': {
        const props = (s.properties ?? {}) as Record<string, JsonSchema>;
        const model: Record<string, fc.Arbitrary<unknown>> = {};
        const required = new Set((s.required ?? []) as string[]);
        // An optional field is left out two times in three (undefined drops out of the JSON): many
        // schemas have "this or that, not both" rules a request should often satisfy.
        for (const [k, v] of Object.entries(props))
          model[k] = required.has(k)
            ? fromSchema(v, pool, k)
            : fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fromSchema(v, pool, k), weight: 1 });
        const rec = fc.record(model);
        const extra =
          s.additionalProperties && typeof s.additionalProperties === 'object'
            ? fc.dictionary(fc.string({ maxLength: 12 }), fromSchema(s.additionalProperties, pool), { maxKeys: 3 })
            : fc.constant({});
        arb = fc.tuple(rec, extra).map(([a, b]) => ({ ...b, ...a }));
        break;
      }
      case 'array': {
        const min = s.minItems ?? 0;
        arb = fc.array(fromSchema(s.items, pool, name), { minLength: min, maxLength: Math.min(s.maxItems ?? min + 3, min + 3) });
        break;
      }
      case 'string':
        arb = stringFor(s, pool, name);
        break;
      case 'integer': {
        const min = (s.minimum ?? -1000) + (s.exclusiveMinimum === true ? 1 : 0);
        const max = Math.min(s.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER);
        arb = fc.oneof(fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }), fc.constantFrom(min, max, min - 1, max + 1));
        break;
      }
      case 'number':
        arb = fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
        break;
      case 'boolean':
        arb = fc.boolean();
        break;
      case 'null':
        arb = fc.constant(null);
        break;
      default:
        arb = fc.jsonValue({ maxDepth: 2 });
    }
  }
  return s.nullable ? fc.option(arb, { nil: null }) : arb;
}

/** Path segments, already encoded as they would appear on the wire. */
export const HOSTILE_SEGMENTS = [
  'abc',
  '1',
  '-1',
  '0',
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%E0%A4%A',
  '%C0%AF',
  '..%2F..%2Fetc%2Fpasswd',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  encodeURIComponent("' OR 1=1 --"),
  encodeURIComponent('<script>'),
  encodeURIComponent('😀'),
  encodeURIComponent('\u202Eexe'),
  '9'.repeat(30),
  '1e309',
  'NaN',
  'null',
  'a'.repeat(64),
  'a'.repeat(101),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-4000-8000-00000000000g',
];

export function segmentFor(s: JsonSchema | undefined, pool: IdPool, name: string, previousSegment: string): fc.Arbitrary<string> {
  const hostile = fc.oneof(fc.constantFrom(...HOSTILE_SEGMENTS), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map(encodeURIComponent));
  let shaped: fc.Arbitrary<string>;
  if (s?.format === 'uuid')
    shaped = fc.oneof({ arbitrary: fc.constantFrom(...idsFor(pool, kindOf(name, previousSegment))), weight: 6 }, { arbitrary: fc.uuid(), weight: 1 });
  else if (s?.type === 'integer') shaped = fc.integer({ min: Math.max(s.minimum ?? -10, -10), max: Math.min(s.maximum ?? 10_000, 10_000) }).map(String);
  else shaped = fc.constantFrom(...pool.names);
  return fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: hostile, weight: 1 });
}

/** Bodies that are not the JSON the route expects: broken syntax, other media types, poisoned keys. */
export const RAW_BODIES: { contentType: string; payload: string }[] = [
  { contentType: 'application/json', payload: '{"a": ' },
  { contentType: 'application/json', payload: '' },
  { contentType: 'application/json', payload: 'null' },
  { contentType: 'application/json', payload: '"text"' },
  { contentType: 'application/json', payload: '1e999' },
  { contentType: 'application/json', payload: '{"__proto__": {"isAdmin": true}}' },
  { contentType: 'application/json', payload: '{"constructor": {"prototype": {"isAdmin": true}}}' },
  { contentType: 'application/json', payload: '{"a": "\\ud800"}' },
  { contentType: 'application/json', payload: '{"a\\u0000": 1}' },
  { contentType: 'application/json', payload: `${'['.repeat(3000)}${']'.repeat(3000)}` },
  { contentType: 'application/json; charset=latin1', payload: '{}' },
  { contentType: 'text/plain', payload: 'hello' },
  { contentType: 'application/xml', payload: '<a/>' },
  { contentType: 'application/x-www-form-urlencoded', payload: 'a=1&__proto__[x]=1' },
  { contentType: 'multipart/form-data', payload: 'junk' },
  { contentType: 'multipart/form-data; boundary=zz', payload: '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\ntruncated' },
  { contentType: 'multipart/form-data; boundary=zz', payload: '--zz\r\nbroken header\r\n\r\nx\r\n--zz--\r\n' },
];

/** multipart/form-data uploads: a proper envelope around hostile file names and contents. */
export const multipartBody: fc.Arbitrary<{ contentType: string; payload: Buffer }> = fc
  .record({
    filename: fc.oneof(
      fc.constantFrom(
        'report.pdf',
        'photo.png',
        'log.txt',
        'a\u202Etxt.exe',
        '../../evil.sh',
        'x'.repeat(300) + '.txt',
        '😀.png',
        '"quoted".txt',
        'nul\u0000.txt',
        '.htaccess',
        '',
      ),
      hostileString,
    ),
    field: fc.constantFrom('file', 'other', '__proto__', 'constructor'),
    content: fc.oneof(fc.constantFrom('%PDF-1.4\n', '\x89PNG\r\n\x1a\n', 'plain text', ''), fc.string({ maxLength: 200 })),
    count: fc.integer({ min: 1, max: 12 }),
  })
  .map(({ filename, field, content, count }) => {
    const b = 'hostileboundary';
    const part = `--${b}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename.replace(/["\r\n]/g, '_')}"\r\nContent-Type: application/octet-stream\r\n\r\n${content}\r\n`;
    return { contentType: `multipart/form-data; boundary=${b}`, payload: Buffer.from(`${part.repeat(count)}--${b}--\r\n`, 'utf8') };
  });
