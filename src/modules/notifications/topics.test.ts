import { describe, expect, it } from 'vitest';
import { notificationTopics, renderTopicEmail, topicLink, topicTitle } from './topics.ts';

describe('topic notifications', () => {
  it('every topic has its line, its link and its e-mail in both languages', () => {
    for (const topic of notificationTopics) {
      for (const locale of ['ru', 'en'] as const) {
        const title = topicTitle(topic, 'Сквер у театра: Озеленение', locale);
        expect(title, `${topic} ${locale}`).toContain('Сквер у театра: Озеленение');
        expect(title).not.toContain('{title}');
        const mail = renderTopicEmail({ topic, subjectTitle: 'Сквер <у> театра' }, locale, {
          subject: 'https://city.example/objects/1',
          settings: 'https://city.example/profile',
        });
        expect(mail.subject).toContain(locale === 'ru' ? 'Вместе' : 'Vmeste');
        expect(mail.text).toContain('https://city.example/objects/1');
        // The reason is written in the reader's language, and the title is escaped in HTML.
        expect(mail.text).toMatch(locale === 'ru' ? /Вы получили это письмо/ : /You receive this/);
        expect(mail.html).toContain('Сквер &lt;у&gt; театра');
      }
      expect(topicLink(topic, 'abc')).toMatch(/^\/[a-z/]+\/abc$/);
    }
  });
});
