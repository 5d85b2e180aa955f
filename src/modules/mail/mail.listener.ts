import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { FastifyBaseLogger } from 'fastify';
import { MailRefused, receiveMail, type InboundDeps } from './mail.inbound';

export interface InboundListener {
  port: number;
  close(): Promise<void>;
}

/** Largest message accepted: the attachment limit plus room for encoding (base64 grows by a third) and text. */
export function maxMessageBytes(maxAttachmentBytes: number): number {
  return Math.ceil(maxAttachmentBytes * 1.4) + 1024 * 1024;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/**
 * 收信 The built-in receiving SMTP server (SHOUHOU_INBOUND_SMTP_PORT): accepts mail for the support
 * address only (no open relay), refuses oversized messages while they arrive (SIZE, 552), and files
 * each message (mail.inbound.ts). Put it behind the organisation's MX or a forwarding rule.
 */
export async function startInboundSmtp(deps: InboundDeps, opts: { port: number; host?: string; log?: FastifyBaseLogger }): Promise<InboundListener> {
  const support = deps.env.supportAddress?.toLowerCase() ?? null;
  const size = maxMessageBytes(deps.tickets.maxAttachmentBytes);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size,
    banner: 'shouhou',
    logger: false,
    onRcptTo(address, _session, cb) {
      if (support && address.address.toLowerCase() !== support) return cb(smtpError(550, '5.1.1 no such mailbox here'));
      cb();
    },
    onData(stream: SMTPServerDataStream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (stream.sizeExceeded) return cb(smtpError(552, '5.3.4 message too big'));
        const envelopeFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        receiveMail(deps, Buffer.concat(chunks), envelopeFrom).then(
          () => cb(),
          (err: unknown) => {
            if (err instanceof MailRefused) return cb(smtpError(err.responseCode, err.message));
            opts.log?.error({ err }, 'inbound mail failed');
            cb(smtpError(451, '4.3.0 temporary failure, try again later'));
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  server.on('error', (err) => opts.log?.warn({ err }, 'inbound SMTP connection error'));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
