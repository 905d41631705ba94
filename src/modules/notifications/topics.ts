/**
 * Notifications about things other than reports (a vote's winners, a discussion's official reply or
 * results, an initiative sent or expired): another module names the
 * people, the topic and the subject; this module stores them with the e-mail queued per each
 * person's setting, and the usual dispatcher job sends the mail in the reader's language.
 */
import type { Executor } from '../../db/connection.ts';
import type { Locale } from '../../lib/errors.ts';
import { findPeople } from './dispatch.repo.ts';
import { insertTopicNotifications } from './notifications.repo.ts';
import type { Email } from './templates.ts';

export const notificationTopics = [
  'vote_winners',
  'discussion_official_reply',
  'discussion_results',
  'initiative_sent',
  'initiative_expired',
  'object_work_added',
  'object_work_started',
  'object_work_completed',
  'object_work_cancelled',
] as const;
export type NotificationTopic = (typeof notificationTopics)[number];

type TopicTexts = {
  line: Record<Locale, string>;
  open: Record<Locale, string>;
  /** The web page of the subject (its id follows), unless the notification carries its own link. */
  path: string;
  /** Why the reader gets it (the e-mail's footer). */
  why: Record<Locale, string>;
};

const becauseDiscussion = {
  ru: 'Вы получили это письмо, потому что следите за обсуждением на платформе «Вместе».',
  en: 'You receive this because you follow a discussion on the Vmeste platform.',
};
const becauseInitiative = {
  ru: 'Вы получили это письмо, потому что предложили или поддержали инициативу на платформе «Вместе».',
  en: 'You receive this because you proposed or supported an initiative on the Vmeste platform.',
};

const becauseObject = {
  ru: 'Вы получили это письмо, потому что следите за городским объектом на платформе «Вместе».',
  en: 'You receive this because you follow a city object on the Vmeste platform.',
};
/** News of a work on a followed object: its subject is the work, its link the object's page. */
const objectWork = (line: Record<Locale, string>): TopicTexts => ({
  line,
  open: { ru: 'Открыть объект', en: 'Open the object' },
  path: '/objects/',
  why: becauseObject,
});

const topicTexts: Record<NotificationTopic, TopicTexts> = {
  vote_winners: {
    line: {
      ru: 'Объявлены итоги голосования «{title}»',
      en: 'The results of the vote “{title}” are published',
    },
    open: { ru: 'Посмотреть итоги', en: 'See the results' },
    path: '/participation/votes/',
    why: {
      ru: 'Вы получили это письмо, потому что участвовали в голосовании на платформе «Вместе».',
      en: 'You receive this because you took part in a vote on the Vmeste platform.',
    },
  },
  discussion_official_reply: {
    line: {
      ru: 'Официальный ответ в обсуждении «{title}»',
      en: 'An official reply in the discussion “{title}”',
    },
    open: { ru: 'Прочитать ответ', en: 'Read the reply' },
    path: '/discussions/',
    why: becauseDiscussion,
  },
  discussion_results: {
    line: {
      ru: 'Опубликованы итоги обсуждения «{title}»',
      en: 'The results of the discussion “{title}” are published',
    },
    open: { ru: 'Посмотреть итоги', en: 'See the results' },
    path: '/discussions/',
    why: becauseDiscussion,
  },
  initiative_sent: {
    line: {
      ru: 'Инициатива «{title}» набрала нужную поддержку и направлена на официальный ответ',
      en: 'The initiative “{title}” reached its threshold and is sent for an official answer',
    },
    open: { ru: 'Открыть инициативу', en: 'Open the initiative' },
    path: '/initiatives/',
    why: becauseInitiative,
  },
  initiative_expired: {
    line: {
      ru: 'Срок сбора поддержки инициативы «{title}» истёк: порог не набран',
      en: 'The initiative “{title}” expired below its threshold',
    },
    open: { ru: 'Открыть инициативу', en: 'Open the initiative' },
    path: '/initiatives/',
    why: becauseInitiative,
  },
  // The title is "object: work" (src/modules/objects/work-news.ts).
  object_work_added: objectWork({ ru: 'Новые работы: {title}', en: 'New works: {title}' }),
  object_work_started: objectWork({ ru: 'Работы начались: {title}', en: 'Works have started: {title}' }),
  object_work_completed: objectWork({
    ru: 'Работы завершены, их можно оценить: {title}',
    en: 'Works completed, open for your rating: {title}',
  }),
  object_work_cancelled: objectWork({ ru: 'Работы отменены: {title}', en: 'Works cancelled: {title}' }),
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
  const why = isTopic(n.topic) ? topicTexts[n.topic].why[locale] : '';
  const footer = `${why} ${ru ? 'Настроить уведомления:' : 'Notification settings:'}`.trim();
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

/** Who is told what: a topic, its subject, the people, and optionally where the notice leads. */
export type TopicNotice = {
  topic: NotificationTopic;
  subjectId: string;
  subjectTitle: string;
  userIds: string[];
  at: Date;
  /** Where it leads when not to the topic's page of the subject (e.g. a reply inside a page). */
  link?: string;
};

/**
 * Tells these people, in the caller's transaction (so news of a rolled-back change is never sent).
 * Idempotent per (topic, subject, person). `emailAvailable`: whether an SMTP server is configured.
 * Any number of notices is looked up in one statement and written a thousand notifications an insert.
 */
export async function notifyPeople(
  exec: Executor,
  emailAvailable: boolean,
  notices: TopicNotice | TopicNotice[],
): Promise<number> {
  const all = (Array.isArray(notices) ? notices : [notices]).filter((n) => n.userIds.length > 0);
  if (all.length === 0) return 0;
  const people = new Map(
    (await findPeople(exec, [...new Set(all.flatMap((n) => n.userIds))])).map((p) => [p.id, p]),
  );
  return insertTopicNotifications(
    exec,
    all.flatMap((n) =>
      [...new Set(n.userIds)].flatMap((userId) => {
        const p = people.get(userId);
        if (!p) return [];
        return [
          {
            userId,
            topic: n.topic,
            subjectId: n.subjectId,
            subjectTitle: n.subjectTitle,
            link: n.link ?? null,
            audience: 'participant' as const,
            createdAt: n.at,
            emailStatus: emailAvailable && p.wantsEmail ? ('pending' as const) : ('off' as const),
          },
        ];
      }),
    ),
  );
}
