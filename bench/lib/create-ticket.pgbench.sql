-- PostgreSQL's own limit for ticket creation's write set (issue 10): the statements the server sends
-- for POST /api/v1/tickets with a known customer (src/modules/tickets/use-cases/create-ticket.ts),
-- run by pgbench in prepared mode on the bench's database after the HTTP run. Keep it in step with
-- the server: `scripts/count-statements.ts`-style logging of one creation shows what it sends.
-- Row contents are copied from a ticket the server created, so sizes and index work match.
-- (No JSON literals: pgbench reads ":name" as a variable.)
\set r random(1, 2000000000)
-- Two statements and no BEGIN/COMMIT, as the server sends them for the common request (a known customer).
-- The customer, the day's number, the customer's data-subject key (for sealing the request's words) and
-- the customer's contract terms (the SLA hook's createReads) in one.
SELECT json_build_object('n', nextval('bench_ticket_no'::regclass)::int,
  'k', (SELECT json_build_object('id', sk.id, 'key_enc', sk.key_enc) FROM audit_subject_keys sk
         WHERE sk.subject_type = 'customer' AND sk.subject_id = c.id AND sk.key_enc IS NOT NULL),
  'r', json_build_array(
    (SELECT coalesce(jsonb_agg(o.rule ORDER BY cc.created_at, cc.id, o.n), '[]'::jsonb)
       FROM customer_contracts cc CROSS JOIN LATERAL jsonb_array_elements(cc.overrides) WITH ORDINALITY AS o(rule, n)
       WHERE cc.customer_id = c.id AND cc.active AND (cc.valid_from IS NULL OR cc.valid_from <= current_date)
         AND (cc.valid_to IS NULL OR cc.valid_to >= current_date)))) AS alongside, c.name,
  (SELECT k.id FROM contacts k WHERE k.customer_id = c.id ORDER BY k.is_primary DESC, k.created_at ASC LIMIT 1) AS contact_id
  FROM (SELECT 1) one LEFT JOIN customers c ON c.id = (SELECT customer_id FROM tickets ORDER BY received_at, id LIMIT 1);
WITH src AS (SELECT * FROM tickets ORDER BY received_at, id LIMIT 1),
  ids AS (SELECT gen_random_uuid() AS id, 'PB' || :r || '-' || nextval('bench_ticket_no'::regclass) AS number),
  w0 AS (INSERT INTO sla_clocks (id, subject_type, subject_id, target, spec, policy_id, status, started_at, due_at, paused_at, pauses, stopped_at, breached_at, warn_at)
         SELECT gen_random_uuid(), c.subject_type, ids.id, c.target, c.spec, c.policy_id, c.status, now(), c.due_at, null, c.pauses, null, null, c.warn_at
           FROM ids, (SELECT * FROM sla_clocks WHERE subject_id = (SELECT id FROM src)) c),
  w1 AS (INSERT INTO tickets (id, number, channel, request_type, status, title, description, priority, priority_reason, customer_id, contact_id,
           recorder_id, received_at, created_at, updated_at, sla_policy_id, sla_state, sla_next_due_at, sla_breached, search_plain, search_words)
         SELECT ids.id, ids.number, s.channel, s.request_type, s.status, s.title, s.description, s.priority, s.priority_reason, s.customer_id, s.contact_id,
           s.recorder_id, now(), now(), now(), s.sla_policy_id, s.sla_state, s.sla_next_due_at, false, s.search_plain, s.search_words FROM ids, src s),
  w2 AS (INSERT INTO events (subject_type, subject_id, seq, type, actor_id, actor_name, at, visibility, body, data, prev_hash, hash, hash_version)
         SELECT e.subject_type, ids.id, 1, e.type, e.actor_id, e.actor_name, now(), e.visibility, e.body, e.data, null, md5(ids.number) || md5(ids.number), e.hash_version
           FROM ids, (SELECT * FROM events WHERE subject_id = (SELECT id FROM src) AND seq = 1) e),
  w3 AS (INSERT INTO chain_heads (subject_type, subject_id, seq, hash, updated_at) SELECT 'ticket', ids.id, 1, md5(ids.number) || md5(ids.number), now() FROM ids),
  w4 AS (INSERT INTO outbox (topic, payload, created_at, available_at)
         SELECT 'ticket.created', jsonb_build_object('ticketId', ids.id, 'number', ids.number, 'priority', null, 'ownerId', null), now(), now() FROM ids)
SELECT 1;
