import type { Locale } from '../../lib/messages/types.ts';

export type ReminderEmail = { subject: string; text: string; html: string };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The e-mail an editor gets when an article's review date has come, in the editor's language. */
export function reviewReminderEmail(
  r: { title: string; reviewBy: string; name: string; url: string },
  locale: Locale,
): ReminderEmail {
  const lines =
    locale === 'en'
      ? {
          subject: `Time to review the article «${r.title}»`,
          greeting: `Hello, ${r.name}.`,
          body: `The article «${r.title}» was due for review on ${r.reviewBy}. Please check that it is still true, and set its next review date.`,
          link: 'Open the article',
        }
      : {
          subject: `Пора проверить статью «${r.title}»`,
          greeting: `Здравствуйте, ${r.name}.`,
          body: `Статью «${r.title}» нужно было проверить до ${r.reviewBy}. Убедитесь, что она по-прежнему верна, и назначьте дату следующей проверки.`,
          link: 'Открыть статью',
        };
  return {
    subject: lines.subject,
    text: `${lines.greeting}\n\n${lines.body}\n\n${lines.link}: ${r.url}\n`,
    html: `<p>${escapeHtml(lines.greeting)}</p><p>${escapeHtml(lines.body)}</p><p><a href="${escapeHtml(r.url)}">${escapeHtml(lines.link)}</a></p>`,
  };
}
