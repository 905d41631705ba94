import nodemailer from 'nodemailer';
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Locale } from '../../lib/errors.ts';
import * as repo from './account.repo.ts';

/** What one account e-mail says; links carry a single-use token. */
export type AccountLetter =
  | { kind: 'confirm'; link: string }
  | { kind: 'reset'; link: string }
  | { kind: 'already_registered'; loginLink: string; resetLink: string }
  | { kind: 'password_changed'; resetLink: string }
  | { kind: 'confirm_new_email'; link: string }
  | { kind: 'email_changed'; newEmail: string };

export function renderLetter(letter: AccountLetter, locale: Locale): { subject: string; text: string } {
  const ru = locale === 'ru';
  switch (letter.kind) {
    case 'confirm':
      return ru
        ? {
            subject: 'Подтвердите адрес почты — «Вместе»',
            text: `Чтобы завершить регистрацию, откройте ссылку (действует 24 часа):\n${letter.link}\n\nЕсли вы не регистрировались, просто удалите это письмо.`,
          }
        : {
            subject: 'Confirm your e-mail address — Vmeste',
            text: `To finish registering, open this link (valid for 24 hours):\n${letter.link}\n\nIf you did not register, simply delete this message.`,
          };
    case 'reset':
      return ru
        ? {
            subject: 'Сброс пароля — «Вместе»',
            text: `Чтобы задать новый пароль, откройте ссылку (действует 1 час, один раз):\n${letter.link}\n\nЕсли вы не просили сбросить пароль, удалите это письмо: пароль останется прежним.`,
          }
        : {
            subject: 'Password reset — Vmeste',
            text: `To set a new password, open this link (valid once, for 1 hour):\n${letter.link}\n\nIf you did not ask to reset your password, delete this message: it stays as it was.`,
          };
    case 'already_registered':
      return ru
        ? {
            subject: 'Попытка регистрации с вашим адресом — «Вместе»',
            text: `Кто-то (возможно, вы) пытался зарегистрироваться с этим адресом, но учётная запись уже есть.\nВойти: ${letter.loginLink}\nЗабыли пароль? ${letter.resetLink}\n\nЕсли это были не вы, ничего делать не нужно.`,
          }
        : {
            subject: 'Someone tried to register with your address — Vmeste',
            text: `Someone (perhaps you) tried to register with this address, but it already has an account.\nSign in: ${letter.loginLink}\nForgot your password? ${letter.resetLink}\n\nIf it was not you, there is nothing to do.`,
          };
    case 'confirm_new_email':
      return ru
        ? {
            subject: 'Подтвердите новый адрес почты — «Вместе»',
            text: `Этот адрес указали как новый адрес почты учётной записи. Чтобы он стал адресом для входа и уведомлений, откройте ссылку (действует 24 часа, один раз):\n${letter.link}\n\nЕсли вы этого не просили, удалите письмо: ничего не изменится.`,
          }
        : {
            subject: 'Confirm your new e-mail address — Vmeste',
            text: `This address was given as the new e-mail address of an account. To make it the address for signing in and notices, open this link (valid once, for 24 hours):\n${letter.link}\n\nIf you did not ask for this, delete this message: nothing will change.`,
          };
    case 'email_changed':
      return ru
        ? {
            subject: 'Адрес почты изменён — «Вместе»',
            text: `Адрес почты вашей учётной записи изменён на ${letter.newEmail}: теперь вход и уведомления идут на него.\n\nЕсли это были не вы, сразу обратитесь к администратору площадки.`,
          }
        : {
            subject: 'Your e-mail address was changed — Vmeste',
            text: `The e-mail address of your account was changed to ${letter.newEmail}: signing in and notices now use it.\n\nIf it was not you, contact the platform's administrator at once.`,
          };
    case 'password_changed':
      return ru
        ? {
            subject: 'Пароль изменён — «Вместе»',
            text: `Пароль вашей учётной записи только что изменён в профиле; все другие сеансы входа завершены.\n\nЕсли это были не вы, сразу задайте новый пароль по ссылке из письма сброса:\n${letter.resetLink}`,
          }
        : {
            subject: 'Your password was changed — Vmeste',
            text: `The password of your account has just been changed in the profile; every other signed-in session has ended.\n\nIf it was not you, set a new password at once through a reset link:\n${letter.resetLink}`,
          };
  }
}

export type AccountMailer = { send(to: string, subject: string, text: string): Promise<void>; close(): void };

/** SMTP_URL's transport; without it account mail waits in the table (and confirmation cannot finish). */
export function accountMailer(smtpUrl: string | undefined, from: string): AccountMailer | null {
  if (!smtpUrl) return null;
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(to, subject, text) {
      await transport.sendMail({ from, to, subject, text, textEncoding: 'base64' });
    },
    close: () => transport.close(),
  };
}

export const MAX_MAIL_ATTEMPTS = 5;

/**
 * Sends waiting account mail. Each node claims its batch with SKIP LOCKED, so a letter goes out once
 * however many nodes run this at the same moment; a failure is retried on the next run.
 */
export async function deliverAccountMail(
  deps: { db: Db; clock: Clock; mailer: AccountMailer | null },
  batch = 20,
): Promise<{ sent: number; failed: number }> {
  const { mailer } = deps;
  if (!mailer) return { sent: 0, failed: 0 };
  return deps.db.transaction(async (tx) => {
    let sent = 0;
    let failed = 0;
    for (const m of await repo.claimPendingMail(tx, batch, MAX_MAIL_ATTEMPTS)) {
      try {
        await mailer.send(m.toEmail, m.subject, m.text);
        await repo.markMailSent(tx, m.id, deps.clock.now());
        sent++;
      } catch {
        await repo.markMailFailed(tx, m.id);
        failed++;
      }
    }
    return { sent, failed };
  });
}
