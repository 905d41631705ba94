import type { Locale } from '../../lib/errors.ts';
import type { NoticeEventType, NoticeKind } from './kinds.schemas.ts';

/** An e-mail as the notifications module's mailer sends it. */
export type NoticeEmail = { subject: string; text: string; html: string };

type Words = Record<Locale, string>;

const kindNames: Record<NoticeKind, Words> = {
  planned_works: { ru: 'Плановые работы', en: 'Planned works' },
  emergency_outage: { ru: 'Аварийное отключение', en: 'Emergency outage' },
  event: { ru: 'Городское событие', en: 'City event' },
  road_closure: { ru: 'Перекрытие дороги', en: 'Road closure' },
};

const eventLines: Record<NoticeEventType, Words> = {
  started: { ru: 'началось', en: 'has started' },
  changed: { ru: 'изменилось', en: 'has changed' },
  ended: { ru: 'завершилось', en: 'has ended' },
};

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function when(d: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Moscow',
  }).format(d);
}

/**
 * The alert to a subscriber: what (kind and title), what happened, the window, and a link to the
 * notice. Only the notice's public facts: nothing about the subscriber's place or other people.
 */
export function renderNoticeEmail(
  a: { type: NoticeEventType; kind: NoticeKind; title: string; startsAt: Date; endsAt: Date },
  locale: Locale,
  links: { notice: string; settings: string },
): NoticeEmail {
  const brand = locale === 'ru' ? 'Вместе' : 'Vmeste';
  const headline = `${kindNames[a.kind][locale]} «${a.title}» ${eventLines[a.type][locale]}`;
  const window =
    locale === 'ru'
      ? `Срок: с ${when(a.startsAt, locale)} по ${when(a.endsAt, locale)} (МСК).`
      : `Window: ${when(a.startsAt, locale)} to ${when(a.endsAt, locale)} (Moscow time).`;
  const open = locale === 'ru' ? 'Подробнее' : 'Details';
  const why =
    locale === 'ru'
      ? 'Вы получили это письмо, потому что подписались на уведомления о работах рядом с вашим адресом.'
      : 'You receive this because you subscribed to notices near your address.';
  const settings = locale === 'ru' ? 'Настройки подписок' : 'Subscription settings';
  return {
    subject: `${brand}: ${headline}`,
    text: `${headline}.\n${window}\n\n${open}: ${links.notice}\n\n${why}\n${settings}: ${links.settings}\n`,
    html: `<p>${escapeHtml(headline)}.</p><p>${escapeHtml(window)}</p><p><a href="${escapeHtml(links.notice)}">${open}</a></p><p style="color:#555">${escapeHtml(why)} <a href="${escapeHtml(links.settings)}">${settings}</a></p>`,
  };
}
