import nodemailer from 'nodemailer';
import type { Email } from './templates.ts';

/** Sends one message; the dispatcher does not care how. */
export type Mailer = { send(to: string, email: Email): Promise<void>; close(): void };

/**
 * E-mail over SMTP (`SMTP_URL`, e.g. `smtp://user:pass@mail.example.org:587`, or `smtps://…:465`).
 * Without it there is no mailer: notifications stay in-app only.
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(to, email) {
      // Base64 bodies: Cyrillic text stays intact through any relay.
      await transport.sendMail({
        from,
        to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        textEncoding: 'base64',
      });
    },
    close: () => transport.close(),
  };
}
