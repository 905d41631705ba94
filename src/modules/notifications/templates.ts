import type { Locale } from '../../lib/errors.ts';

/**
 * The words of a notification, in Russian and English: one line for the in-app list and the
 * e-mail's subject, and the e-mail's body. Only the report's number, its new status and a link:
 * never names, addresses or the report's text (the link shows what the reader may see).
 */
type Words = Record<Locale, string>;

const statusNames: Record<string, Words> = {
  submitted: { ru: 'на модерации', en: 'in moderation' },
  clarification_requested: { ru: 'нужно уточнение', en: 'clarification needed' },
  rejected: { ru: 'отклонено', en: 'rejected' },
  accepted: { ru: 'принято', en: 'accepted' },
  assigned: { ru: 'передано исполнителю', en: 'assigned' },
  in_progress: { ru: 'в работе', en: 'in progress' },
  answer_drafted: { ru: 'готовится ответ', en: 'answer in preparation' },
  answer_review: { ru: 'ответ на проверке', en: 'answer under review' },
  answered: { ru: 'дан ответ', en: 'answered' },
  resolved: { ru: 'решено', en: 'resolved' },
  disputed: { ru: 'ответ оспорен', en: 'answer disputed' },
  reopened: { ru: 'возвращено в работу', en: 'reopened' },
  merged: { ru: 'объединено', en: 'merged' },
  closed: { ru: 'закрыто', en: 'closed' },
};

/** What happened, by event type; an unknown type falls back to its new status or a neutral line. */
const eventLines: Record<string, Words> = {
  accepted: { ru: 'принято модератором', en: 'accepted by a moderator' },
  routed: { ru: 'передано исполнителю', en: 'sent to the responsible organisation' },
  assigned: { ru: 'передано исполнителю', en: 'assigned to an organisation' },
  redirected: { ru: 'перенаправлено другому исполнителю', en: 'redirected to another organisation' },
  sent_to_curator: { ru: 'ждёт назначения исполнителя', en: 'waits for a curator to assign it' },
  rejected: { ru: 'отклонено модератором', en: 'rejected by a moderator' },
  clarification_requested: { ru: 'модератор просит уточнить', en: 'a moderator asks for a clarification' },
  started: { ru: 'взято в работу', en: 'work has started' },
  answer_returned: { ru: 'ответ возвращён на доработку', en: 'the answer was returned for rework' },
  answer_published: { ru: 'опубликован ответ', en: 'an answer was published' },
  rated: { ru: 'автор оценил ответ', en: 'the author rated the answer' },
  disputed: { ru: 'ответ оспорен', en: 'the answer was disputed' },
  reopened: { ru: 'возвращено в работу', en: 'reopened' },
  closed: { ru: 'закрыто', en: 'closed' },
  recategorised: { ru: 'изменена подкатегория', en: 'the subject was corrected' },
  merged_into: { ru: 'объединено с другим сообщением', en: 'merged into another report' },
  merged_from: { ru: 'к сообщению присоединён дубликат', en: 'a duplicate was joined to the report' },
  merge_undone: { ru: 'дубликат отделён от сообщения', en: 'a duplicate was split off the report' },
  unmerged: { ru: 'сообщение отделено от основного', en: 'the report was split off its primary' },
  deadline_nearly_due: { ru: 'срок ответа скоро истекает', en: 'the answer is nearly due' },
  deadline_overdue: { ru: 'срок ответа истёк', en: 'the answer is overdue' },
  escalated: { ru: 'передано на контроль', en: 'escalated' },
  deadline_extended: { ru: 'срок ответа продлён', en: 'the deadline was extended' },
};

/**
 * Lines that name who acted, by event type and the actor's role, where the default line would name
 * the wrong one (an operator's question is not the moderator's).
 */
const roleLines: Record<string, Record<string, Words>> = {
  clarification_requested: {
    operator: { ru: 'исполнитель просит уточнить', en: 'the organisation asks for a clarification' },
    curator: { ru: 'куратор просит уточнить', en: 'a curator asks for a clarification' },
  },
};

export type NotificationFacts = {
  type: string;
  reportNumber: number;
  toStatus: string | null;
  /** The role of whoever caused the event ('system' for the jobs), when known. */
  actorRole?: string | null;
};

export function notificationTitle(n: NotificationFacts, locale: Locale): string {
  const line =
    (n.actorRole ? roleLines[n.type]?.[n.actorRole] : undefined)?.[locale] ?? eventLines[n.type]?.[locale];
  const status = n.toStatus ? statusNames[n.toStatus]?.[locale] : undefined;
  const what =
    line ??
    (status
      ? locale === 'ru'
        ? `новый статус: ${status}`
        : `new status: ${status}`
      : locale === 'ru'
        ? 'новое событие'
        : 'new event');
  return locale === 'ru' ? `Сообщение № ${n.reportNumber}: ${what}` : `Report No. ${n.reportNumber}: ${what}`;
}

export type Email = { subject: string; text: string; html: string };

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderEmail(
  n: NotificationFacts,
  locale: Locale,
  links: { report: string; settings: string },
): Email {
  const title = notificationTitle(n, locale);
  const status = n.toStatus ? statusNames[n.toStatus]?.[locale] : undefined;
  const ru = locale === 'ru';
  const lines = [
    ru ? 'Здравствуйте!' : 'Hello,',
    '',
    `${title}.`,
    ...(status ? [ru ? `Текущий статус: ${status}.` : `Current status: ${status}.`] : []),
    '',
    ru ? `Открыть сообщение: ${links.report}` : `Open the report: ${links.report}`,
    '',
    ru
      ? `Вы получили это письмо, потому что это сообщение касается вас на платформе «Вместе». Настроить уведомления: ${links.settings}`
      : `You receive this because the report concerns you on the Vmeste platform. Notification settings: ${links.settings}`,
  ];
  const html = [
    `<p>${escapeHtml(lines[0]!)}</p>`,
    `<p>${escapeHtml(title)}.${status ? `<br>${escapeHtml(ru ? `Текущий статус: ${status}.` : `Current status: ${status}.`)}` : ''}</p>`,
    `<p><a href="${escapeHtml(links.report)}">${escapeHtml(ru ? 'Открыть сообщение' : 'Open the report')}</a></p>`,
    `<p style="color:#666;font-size:12px">${escapeHtml(lines[lines.length - 1]!.replace(links.settings, ''))}<a href="${escapeHtml(links.settings)}">${escapeHtml(links.settings)}</a></p>`,
  ].join('\n');
  return { subject: `${ru ? 'Вместе' : 'Vmeste'}: ${title}`, text: lines.join('\n'), html };
}

const resultNames: Record<string, Record<Locale, string>> = {
  solved: { ru: 'проблема решена', en: 'the problem is solved' },
  explained: { ru: 'дано разъяснение', en: 'an explanation is given' },
  planned: { ru: 'работы запланированы', en: 'the work is planned' },
  rejected: { ru: 'отказано', en: 'refused' },
};

/**
 * The official answer to a 59-ФЗ appeal, sent to the address the appellant gave (art. 10 p. 4): it
 * carries the answer itself, addressed to the appellant by name, unlike notifications.
 */
export function renderAppealAnswer(
  a: { reportNumber: number; fullName: string; text: string; result: string },
  locale: Locale,
  links: { report: string },
): Email {
  const ru = locale === 'ru';
  const result = resultNames[a.result]?.[locale] ?? a.result;
  const subject = ru
    ? `Ответ на обращение № ${a.reportNumber}`
    : `The answer to your appeal No. ${a.reportNumber}`;
  const lines = [
    ru ? `Уважаемый(ая) ${a.fullName}!` : `Dear ${a.fullName},`,
    '',
    ru
      ? `Направляем ответ на ваше обращение № ${a.reportNumber} (Федеральный закон № 59-ФЗ). Результат: ${result}.`
      : `Here is the answer to your appeal No. ${a.reportNumber} (Federal Law No. 59-FZ). Result: ${result}.`,
    '',
    a.text,
    '',
    ru
      ? `Ответ также доступен в личном кабинете: ${links.report}. Если вы не согласны с ответом, его можно оспорить там же.`
      : `The answer is also in your account: ${links.report}. If you disagree with it, you can dispute it there.`,
  ];
  const html = lines.map((l) => (l === '' ? '' : `<p>${escapeHtml(l)}</p>`)).join('\n');
  return { subject: `${ru ? 'Вместе' : 'Vmeste'}: ${subject}`, text: lines.join('\n'), html };
}
