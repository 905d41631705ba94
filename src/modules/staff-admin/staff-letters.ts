import type { Locale } from '../../lib/errors.ts';
import type { StaffRoleName } from './staff-admin.schemas.ts';

const roleNames: Record<StaffRoleName, { ru: string; en: string }> = {
  moderator: { ru: 'модератор', en: 'moderator' },
  operator: { ru: 'исполнитель', en: 'operator' },
  curator: { ru: 'куратор', en: 'curator' },
  analyst: { ru: 'аналитик', en: 'analyst' },
  admin: { ru: 'администратор', en: 'administrator' },
};

export type InvitationLetter = {
  name: string;
  role: StaffRoleName;
  /** The organisation or territory in the letter's language, when the role has one. */
  scope: string | null;
  link: string;
  days: number;
};

/** The invitation e-mail: what the person is invited to, and the single-use link. */
export function renderInvitation(l: InvitationLetter, locale: Locale): { subject: string; text: string } {
  const role = roleNames[l.role][locale];
  if (locale === 'ru')
    return {
      subject: 'Приглашение в служебный кабинет — «Вместе»',
      text:
        `${l.name}, здравствуйте!\n\nВас пригласили в платформу «Вместе» с ролью «${role}»` +
        `${l.scope ? ` (${l.scope})` : ''}.\n` +
        `Чтобы принять приглашение и задать пароль, откройте ссылку (действует ${l.days} дн., один раз):\n${l.link}\n\n` +
        'Если вы не ждали этого письма, просто удалите его.',
    };
  return {
    subject: 'Invitation to the staff workspace — Vmeste',
    text:
      `Hello ${l.name},\n\nYou have been invited to the Vmeste platform as ${role}` +
      `${l.scope ? ` (${l.scope})` : ''}.\n` +
      `To accept and set your password, open this link (valid once, for ${l.days} days):\n${l.link}\n\n` +
      'If you did not expect this message, simply delete it.',
  };
}
