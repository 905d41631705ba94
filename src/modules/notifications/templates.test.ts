import { describe, expect, it } from 'vitest';
import { notificationTitle, renderEmail } from './templates.ts';

const links = { report: 'https://vmeste.example/reports/abc', settings: 'https://vmeste.example/profile' };

describe('notification templates', () => {
  it('names the report by number and what happened, in Russian and English', () => {
    const n = { type: 'answer_published', reportNumber: 1024, toStatus: 'answered' };
    expect(notificationTitle(n, 'ru')).toBe('Сообщение № 1024: опубликован ответ');
    expect(notificationTitle(n, 'en')).toBe('Report No. 1024: an answer was published');
  });

  it('names who asks for a clarification: the moderator, the organisation or a curator', () => {
    const asked = (actorRole: string | null) =>
      notificationTitle(
        { type: 'clarification_requested', reportNumber: 3, toStatus: null, actorRole },
        'ru',
      );
    expect(asked('moderator')).toBe('Сообщение № 3: модератор просит уточнить');
    expect(asked(null)).toBe('Сообщение № 3: модератор просит уточнить');
    expect(asked('operator')).toBe('Сообщение № 3: исполнитель просит уточнить');
    expect(
      notificationTitle(
        { type: 'clarification_requested', reportNumber: 3, toStatus: null, actorRole: 'operator' },
        'en',
      ),
    ).toBe('Report No. 3: the organisation asks for a clarification');
  });

  it('falls back to the new status, then to a neutral line, for unknown types', () => {
    expect(notificationTitle({ type: 'brand_new', reportNumber: 7, toStatus: 'closed' }, 'ru')).toBe(
      'Сообщение № 7: новый статус: закрыто',
    );
    expect(notificationTitle({ type: 'brand_new', reportNumber: 7, toStatus: null }, 'en')).toBe(
      'Report No. 7: new event',
    );
  });

  it('e-mails carry the link and the status, nothing personal, in the reader’s language', () => {
    const ru = renderEmail({ type: 'reopened', reportNumber: 5, toStatus: 'reopened' }, 'ru', links);
    expect(ru.subject).toBe('Вместе: Сообщение № 5: возвращено в работу');
    expect(ru.text).toContain('Текущий статус: возвращено в работу.');
    expect(ru.text).toContain(links.report);
    expect(ru.text).toContain(links.settings);
    expect(ru.html).toContain(`href="${links.report}"`);
    const en = renderEmail({ type: 'reopened', reportNumber: 5, toStatus: 'reopened' }, 'en', links);
    expect(en.subject).toBe('Vmeste: Report No. 5: reopened');
    expect(en.text).toContain('Open the report: https://vmeste.example/reports/abc');
  });

  it('escapes what goes into HTML', () => {
    const e = renderEmail({ type: 'closed', reportNumber: 1, toStatus: 'closed' }, 'en', {
      report: 'https://x/"><script>',
      settings: 'https://x/s',
    });
    expect(e.html).not.toContain('<script>');
  });
});
