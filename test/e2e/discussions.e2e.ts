import { describe, expect, it } from 'vitest';
import { liveAppForThisFile } from './live-app.ts';
import { checkA11y, demoUser, horizontalOverflow } from './ui.ts';

// The opinion map is rebuilt every few seconds here (a minute in production) so the test need not wait.
process.env.OPINION_MAP_INTERVAL_SECONDS = '2';

type Territory = { id: string; code: string; center: { lat: number; lon: number } };
type Category = { id: string; code: string };

const { problems, pageAs, visitorPage, apiAs } = liveAppForThisFile();

const PASSWORD = 'correct horse battery';

/** A new resident, signed in through the API (demo residents are only three). */
async function newResident(register: Awaited<ReturnType<typeof apiAs>>, label: string) {
  const email = `e2e-${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  await register('POST', '/api/v1/users', { email, password: PASSWORD, name: 'Житель Тестовый' });
  return apiAs(email, PASSWORD);
}

function pageOf(role: Parameters<typeof demoUser>[0], match?: Parameters<typeof demoUser>[1]) {
  const u = demoUser(role, match);
  return pageAs(u.email, u.password);
}

describe('participation in the web app', () => {
  it('a resident comments and flags; the moderator hides and restores', async () => {
    const admin = demoUser('admin');
    const adminApi = await apiAs(admin.email, admin.password);
    const now = Date.now();
    const d = await adminApi<{ id: string }>('POST', '/api/v1/discussions', {
      title: 'Благоустройство набережной Фонтанки',
      body: '## Проект\n\nПредлагается:\n- заменить покрытие;\n- поставить скамейки.',
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 7 * 86_400_000).toISOString(),
    });
    const ivan = demoUser('resident', (u) => u.email.startsWith('ivan.'));
    const ivanApi = await apiAs(ivan.email, ivan.password);
    const rude = await ivanApi<{ id: string }>('POST', `/api/v1/discussions/${d.id}/comments`, {
      text: 'Всё это распил бюджета, авторы проекта — жулики',
    });

    // Anna comments through the page, replies to Ivan, and flags his comment.
    const ap = await pageOf('resident', (u) => u.email.startsWith('anna.'));
    await ap.setViewportSize({ width: 360, height: 740 });
    await ap.goto('/discussions');
    await ap.getByRole('link', { name: 'Благоустройство набережной Фонтанки' }).click();
    await ap.getByRole('heading', { name: 'Проект' }).waitFor();
    await checkA11y(ap, 'discussion page');
    expect(await horizontalOverflow(ap)).toBeLessThanOrEqual(0);
    await ap.getByLabel('Ваш комментарий').fill('Нужны **скамейки** со спинками и урны');
    await ap.getByRole('button', { name: 'Отправить', exact: true }).click();
    await ap.locator('.comment strong', { hasText: 'скамейки' }).waitFor();
    // Her comment says it is hers; Ivan's says only that a resident wrote it (names are personal data).
    expect(
      (await ap.locator('.comment', { hasText: 'скамейки' }).locator('.comment__who').textContent())?.trim(),
    ).toBe('Вы');
    expect(await ap.locator(`#comment-${rude.id} .comment__who`).first().textContent()).toBe('Житель');
    // The document's list is laid out by its own blocks: two items two lines high, not spaced by the
    // newlines between them (a text style for plain text once made each a paragraph apart).
    const items = ap.locator('.markdown li');
    const [first, second] = [await items.nth(0).boundingBox(), await items.nth(1).boundingBox()];
    expect(second!.y - (first!.y + first!.height)).toBeLessThan(10);
    const ivanComment = ap.locator(`#comment-${rude.id}`);
    await ivanComment.getByRole('button', { name: 'Пожаловаться' }).click();
    await ivanComment.getByLabel('Причина жалобы').selectOption('offensive');
    await checkA11y(ap, 'flag form');
    await ivanComment.getByRole('button', { name: 'Отправить жалобу' }).click();
    await ivanComment.getByText('Вы пожаловались').waitFor();

    // The moderator finds it in the queue and hides it; readers see why; then restores it.
    const mp = await pageOf('moderator');
    await mp.goto('/discussions/moderation');
    const queued = mp.locator('.card', { hasText: 'распил бюджета' });
    await queued.waitFor();
    await checkA11y(mp, 'comment moderation queue');
    await queued.getByRole('button', { name: 'Скрыть' }).click();
    await ap.reload();
    await ivanComment.getByText('Скрыт модератором. Причина: оскорбление.').waitFor();
    expect(await ivanComment.getByText('распил бюджета').count()).toBe(0);
    await mp.goto(`/discussions/${d.id}`);
    await mp.locator(`#comment-${rude.id}`).getByRole('button', { name: 'Восстановить' }).click();
    await ap.reload();
    await ivanComment.getByText('распил бюджета').waitFor();
    expect(problems).toEqual([]);
  });

  it('a resident votes through the statements and sees the groups', async () => {
    const admin = demoUser('admin');
    const adminApi = await apiAs(admin.email, admin.password);
    const now = Date.now();
    const d = await adminApi<{ id: string }>('POST', '/api/v1/discussions', {
      title: 'Новая схема движения в центре',
      body: 'Обсуждаем схему движения.',
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 7 * 86_400_000).toISOString(),
      opinionMap: true,
      minParticipants: 4,
    });
    const texts = [
      'Нужны выделенные полосы для автобусов',
      'Парковку в центре надо сделать платной',
      'Нужно больше пешеходных переходов',
    ];
    const ids: string[] = [];
    for (const text of texts)
      ids.push(
        (await adminApi<{ id: string }>('POST', `/api/v1/discussions/${d.id}/statements`, { text })).id,
      );
    // Two camps of residents disagree on the first two statements and agree on the third.
    for (let p = 0; p < 6; p++) {
      const r = await newResident(adminApi, `voter${p}`);
      const side = p % 2 === 0;
      await r('PUT', `/api/v1/statements/${ids[0]}/vote`, { vote: side ? 'agree' : 'disagree' });
      await r('PUT', `/api/v1/statements/${ids[1]}/vote`, { vote: side ? 'disagree' : 'agree' });
      await r('PUT', `/api/v1/statements/${ids[2]}/vote`, { vote: 'agree' });
    }

    const gp = await pageOf('resident', (u) => u.email.startsWith('galina.'));
    await gp.goto(`/discussions/${d.id}/opinion-map`);
    await gp.getByRole('heading', { name: 'Ваше мнение' }).waitFor();
    await checkA11y(gp, 'opinion map voting card');
    for (let i = 0; i < 3; i++) {
      const statement = await gp.locator('.opinion-card__statement').textContent();
      expect(texts).toContain(statement);
      await gp
        .getByRole('button', { name: statement === texts[1] ? 'Не согласен' : 'Согласен', exact: true })
        .click();
      await gp
        .locator('.opinion-card__statement', { hasText: statement ?? '' })
        .waitFor({ state: 'detached' });
    }
    await gp.getByText('Вы проголосовали за все утверждения (3).').waitFor();
    // The job rebuilds the map in the background (woken by votes, and by its every-minute schedule
    // when a wake-up finds the last rebuild too recent); the page shows the last map computed, which
    // may be one made before every vote was in (one group only): wait for the map of all of them.
    for (let attempt = 0; attempt < 150; attempt++) {
      await gp.reload();
      await gp.getByRole('heading', { name: 'Группы мнений' }).waitFor();
      const groups = await Promise.all(
        [/^Группа A/, /^Группа B/].map((name) => gp.getByRole('heading', { name }).count()),
      );
      if (groups.every((n) => n > 0)) break;
      await gp.waitForTimeout(1000);
    }
    await gp.getByRole('heading', { name: /^Группа A/ }).waitFor();
    await gp.getByRole('heading', { name: /^Группа B/ }).waitFor();
    await gp.getByRole('heading', { name: 'В чём согласны все группы' }).waitFor();
    await gp
      .locator('section', { hasText: 'В чём согласны все группы' })
      .getByText(texts[2]!)
      .first()
      .waitFor();
    await checkA11y(gp, 'opinion map results');
    expect(problems).toEqual([]);
  });

  it('an initiative reaches its threshold and appears in the organisation’s work queue', async () => {
    const admin = demoUser('admin');
    const adminApi = await apiAs(admin.email, admin.password);
    const territories = (await adminApi<{ items: Territory[] }>('GET', '/api/v1/territories')).items;
    const district = territories.find((t) => t.code === 'tsentralny')!;
    const category = (await adminApi<{ items: Category[] }>('GET', '/api/v1/categories')).items.find(
      (c) => c.code === 'street-light',
    )!;
    await adminApi('PUT', `/api/v1/initiative-thresholds/${district.id}`, { threshold: 2 });

    // Anna proposes it through the page.
    const ap = await pageOf('resident', (u) => u.email.startsWith('anna.'));
    await ap.goto('/initiatives');
    await ap.getByLabel('Название').fill('Фонари в сквере на Моховой');
    await ap
      .getByLabel('Суть инициативы')
      .fill('Установить освещение вдоль всех дорожек сквера на Моховой улице.');
    await ap.getByLabel('Тема').selectOption(category.id);
    await ap.getByLabel('Район').selectOption(district.id);
    await checkA11y(ap, 'initiative form');
    await ap.getByRole('button', { name: 'Отправить на модерацию' }).click();
    await ap.waitForURL(/\/initiatives\/[0-9a-f-]{36}$/);
    const initiativeId = ap.url().split('/').pop()!;
    await ap.getByText('на модерации', { exact: true }).waitFor();
    // Back on the list, the proposal waiting for moderation is among her own (nobody else sees it yet).
    await ap.goto('/initiatives');
    const mine = ap.getByRole('region', { name: 'Мои инициативы' });
    await mine.getByRole('link', { name: 'Фонари в сквере на Моховой' }).waitFor();
    const pendingBadge = mine.getByText('на модерации', { exact: true }).first();
    await pendingBadge.waitFor();
    // The status is a tinted badge, as on polls and votes, not bare bold text.
    type Styles = { getComputedStyle: (e: unknown) => { backgroundColor: string } };
    const tint = await pendingBadge.evaluate(
      (e) => (globalThis as unknown as Styles).getComputedStyle(e).backgroundColor,
    );
    expect(tint).not.toBe('rgba(0, 0, 0, 0)');
    // Everyone's initiatives follow under their own heading, without her proposal nobody else sees yet.
    const all = ap.getByRole('region', { name: 'Все инициативы' });
    await all.getByRole('listitem').first().waitFor();
    expect(await all.getByRole('link', { name: 'Фонари в сквере на Моховой' }).count()).toBe(0);

    const mp = await pageOf('moderator');
    await mp.goto(`/initiatives/${initiativeId}`);
    await mp.getByRole('button', { name: 'Одобрить' }).click();
    await mp.getByText('сбор подписей', { exact: true }).waitFor();

    // A second proposal is rejected with the reason the moderator writes, which its author reads.
    const anna = demoUser('resident', (u) => u.email.startsWith('anna.'));
    const annaApi = await apiAs(anna.email, anna.password);
    const dup = await annaApi<{ id: string }>('POST', '/api/v1/initiatives', {
      title: 'Ещё раз фонари на Моховой',
      text: 'Повторяю предложение об освещении сквера на Моховой улице.',
      categoryId: category.id,
      territoryId: district.id,
    });
    await mp.goto(`/initiatives/${dup.id}`);
    await mp.getByRole('button', { name: 'Отклонить' }).click();
    await mp.getByLabel('Причина отклонения').fill('Такая инициатива уже собирает подписи: поддержите её.');
    await checkA11y(mp, 'initiative rejection form');
    await mp.getByRole('button', { name: 'Отклонить инициативу' }).click();
    await mp.getByText('отклонена', { exact: true }).waitFor();
    await ap.goto(`/initiatives/${dup.id}`);
    await ap.getByText('Причина отклонения: Такая инициатива уже собирает подписи: поддержите её.').waitFor();

    const ip = await pageOf('resident', (u) => u.email.startsWith('ivan.'));
    await ip.goto(`/initiatives/${initiativeId}`);
    await checkA11y(ip, 'initiative page');
    await ip.getByRole('button', { name: 'Поддержать инициативу' }).click();
    await ip.getByText('Вы поддержали эту инициативу.').waitFor();
    // Its author is told it is hers (no button to support her own), and to share it.
    await ap.goto(`/initiatives/${initiativeId}`);
    await ap.getByText('Это ваша инициатива.', { exact: false }).waitFor();
    expect(await ap.getByRole('button', { name: 'Поддержать инициативу' }).count()).toBe(0);
    // Galina comes by a shared link, signed out: the page offers the way in, which leads back to it.
    const gp = await visitorPage();
    await gp.goto(`/initiatives/${initiativeId}`);
    const prompt = gp.locator('.sign-in-prompt', { hasText: 'чтобы поддержать инициативу' });
    await prompt.waitFor();
    // What and where it is about, before anything else is asked of the reader.
    const facts = gp.locator('dl.facts');
    await facts.getByText('Центральный район').waitFor();
    expect(await facts.textContent()).toMatch(/Тема.*›.*Район.*Предложена/);
    await checkA11y(gp, 'initiative page for a visitor');
    await prompt.getByRole('link', { name: 'Войти' }).click();
    await gp.getByText('вы вернётесь на страницу, с которой пришли').waitFor();
    const galina = demoUser('resident', (u) => u.email.startsWith('galina.'));
    await gp.fill('#login-email', galina.email);
    await gp.fill('#login-password', galina.password);
    await gp.click('form button[type=submit]');
    await gp.waitForURL((url) => url.pathname === `/initiatives/${initiativeId}`);
    expect(await gp.locator('.sign-in-prompt').count()).toBe(0);
    await gp.getByRole('button', { name: 'Поддержать инициативу' }).click();
    await gp.getByText('направлена в организацию', { exact: true }).waitFor();

    const initiative = await adminApi<{ reportId: string }>('GET', `/api/v1/initiatives/${initiativeId}`);
    const report = await adminApi<{ number: number }>('GET', `/api/v1/reports/${initiative.reportId}`);
    const op = await pageOf('operator', (u) => u.email.startsWith('operator.light'));
    await op.goto('/staff');
    await op.getByText(`№ ${report.number}`).first().waitFor();
    expect(problems).toEqual([]);
  });
});
