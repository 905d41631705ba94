/**
 * Notifications about things other than reports (a vote's winners): another module names the
 * people, the topic and the subject; this module stores them with the e-mail queued per each
 * person's setting, and the usual dispatcher job sends the mail in the reader's language.
 */
import type { Executor } from '../../db/connection.ts';
import type { Locale } from '../../lib/errors.ts';
import * as repo from './notifications.repo.ts';
import type { Email } from './templates.ts';

export const notificationTopics = ['vote_winners'] as const;
export type NotificationTopic = (typeof notificationTopics)[number];

const topicTexts: Record<
  NotificationTopic,
  { line: Record<Locale, string>; open: Record<Locale, string>; path: string }
> = {
  vote_winners: {
    line: {
      ru: 'Объявлены итоги голосования «{title}»',
      en: 'The results of the vote “{title}” are published',
    },
    open: { ru: 'Посмотреть итоги', en: 'See the results' },
    path: '/participation/votes/',
  },
};

const isTopic = (t: string): t is NotificationTopic => (notificationTopics as readonly string[]).includes(t);

export function topicTitle(topic: string, subjectTitle: string, locale: Locale): string {
  if (!isTopic(topic)) return subjectTitle;
  return topicTexts[topic].line[locale].replace('{title}', subjectTitle);
}

/** Where the notification leads in the web app. */
export function topicLink(topic: string, subjectId: string): string {
  return isTopic(topic) ? `${topicTexts[topic].path}${subjectId}` : '/';
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderTopicEmail(
  n: { topic: string; subjectTitle: string },
  locale: Locale,
  links: { subject: string; settings: string },
): Email {
  const ru = locale === 'ru';
  const title = topicTitle(n.topic, n.subjectTitle, locale);
  const open = isTopic(n.topic) ? topicTexts[n.topic].open[locale] : ru ? 'Открыть' : 'Open';
  const footer = ru
    ? 'Вы получили это письмо, потому что участвовали в голосовании на платформе «Вместе». Настроить уведомления:'
    : 'You receive this because you took part in a vote on the Vmeste platform. Notification settings:';
  const lines = [
    ru ? 'Здравствуйте!' : 'Hello,',
    '',
    `${title}.`,
    '',
    `${open}: ${links.subject}`,
    '',
    `${footer} ${links.settings}`,
  ];
  const html = [
    `<p>${escapeHtml(lines[0]!)}</p>`,
    `<p>${escapeHtml(title)}.</p>`,
    `<p><a href="${escapeHtml(links.subject)}">${escapeHtml(open)}</a></p>`,
    `<p style="color:#666;font-size:12px">${escapeHtml(footer)} <a href="${escapeHtml(links.settings)}">${escapeHtml(links.settings)}</a></p>`,
  ].join('\n');
  return { subject: `${ru ? 'Вместе' : 'Vmeste'}: ${title}`, text: lines.join('\n'), html };
}

/**
 * Tells these people, in the caller's transaction (so news of a rolled-back change is never sent).
 * Idempotent per (topic, subject, person). `emailAvailable`: whether an SMTP server is configured.
 */
export async function notifyPeople(
  exec: Executor,
  emailAvailable: boolean,
  n: { topic: NotificationTopic; subjectId: string; subjectTitle: string; userIds: string[]; at: Date },
): Promise<number> {
  const people = await repo.findPeople(exec, [...new Set(n.userIds)]);
  return repo.insertTopicNotifications(
    exec,
    people.map((p) => ({
      userId: p.id,
      topic: n.topic,
      subjectId: n.subjectId,
      subjectTitle: n.subjectTitle,
      audience: 'participant',
      createdAt: n.at,
      emailStatus: emailAvailable && p.wantsEmail ? 'pending' : 'off',
    })),
  );
}
