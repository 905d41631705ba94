import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useMe } from '../features/auth/api/get-me';
import { useLogout } from '../features/auth/api/logout';
import { NotificationBell } from '../features/notifications/components/NotificationBell';
import { usePublicConfig } from '../features/reference/api/get-config';
import { isStaff } from '../features/staff/queues';
import { type Language, languages } from '../lib/i18n';
import { initials } from './initials';

/**
 * Sections with pages of their own: the header links to each section once (so it stays on one row at
 * 1280 px), and a second row lists the section's pages while the reader is in it.
 */
const sections = [
  {
    key: 'participation',
    label: 'nav.participation',
    items: [
      { to: '/participation', label: 'nav.polls' },
      { to: '/discussions', label: 'nav.discussions' },
      { to: '/initiatives', label: 'nav.initiatives' },
    ],
  },
  {
    key: 'information',
    label: 'nav.information',
    items: [
      { to: '/knowledge', label: 'nav.knowledge' },
      { to: '/notices', label: 'nav.notices' },
      { to: '/objects', label: 'nav.objects' },
      { to: '/organisations', label: 'nav.directory' },
    ],
  },
] as const;

type Section = (typeof sections)[number];

function sectionOf(pathname: string): Section | undefined {
  return sections.find((section) =>
    section.items.some((item) => pathname === item.to || pathname.startsWith(`${item.to}/`)),
  );
}

export function Header() {
  const { t, i18n } = useTranslation();
  const { data: user } = useMe();
  const roleName = user ? t(`roles.${user.role}`) : '';
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const current = sectionOf(location.pathname);
  // On the section's first page its link names this page; on its other pages, the section.
  const onSectionPage = location.pathname === current?.items[0].to;

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the mobile menu after navigating.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  const onLogout = () => logout.mutate(undefined, { onSettled: () => navigate('/') });
  const setLanguage = (lng: Language) => void i18n.changeLanguage(lng);
  // The region offers some of the languages (a region setting); Russian-only regions show no switch.
  const config = usePublicConfig();
  const offered = languages.filter((l) => !config.data || config.data.languages.includes(l));
  useEffect(() => {
    const first = offered[0];
    if (first && !offered.includes(i18n.language as Language)) void i18n.changeLanguage(first);
  }, [offered, i18n]);

  return (
    <header className="site-header">
      <div className="container header-bar">
        <Link to="/" className="brand">
          <img src="/icons/icon.svg" alt="" width="32" height="32" />
          <span>{t('app.name')}</span>
        </Link>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls={menuId}
          onClick={() => setMenuOpen((o) => !o)}
        >
          {t('layout.menu')}
        </button>
        <div id={menuId} className={`header-menu${menuOpen ? ' header-menu--open' : ''}`}>
          <nav aria-label={t('layout.mainNav')}>
            <ul className="nav-list">
              <li>
                <NavLink to="/" end>
                  {t('nav.map')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/reports/new">{t('nav.newReport')}</NavLink>
              </li>
              {sections.map((section) => (
                <li key={section.key}>
                  {/* A Link, not a NavLink: a NavLink sets aria-current only on its own address,
                      and the section is current on each of its pages. */}
                  <Link
                    to={section.items[0].to}
                    aria-current={section !== current ? undefined : onSectionPage ? 'page' : 'true'}
                  >
                    {t(section.label)}
                  </Link>
                </li>
              ))}
              <li>
                <NavLink to="/analytics">{t('nav.analytics')}</NavLink>
              </li>
              {/* A resident's own reports; staff work from their workspace instead. */}
              {user && !isStaff(user.role) && (
                <li>
                  <NavLink to="/my">{t('nav.myReports')}</NavLink>
                </li>
              )}
              {user && isStaff(user.role) && (
                <li>
                  <NavLink to="/staff">{t('nav.staff')}</NavLink>
                </li>
              )}
            </ul>
          </nav>
          <div className="header-tools">
            {offered.length > 1 && (
              <fieldset className="lang-switch">
                <legend className="visually-hidden">{t('layout.language')}</legend>
                {offered.map((lng) => (
                  <button
                    key={lng}
                    type="button"
                    lang={lng}
                    aria-pressed={i18n.language === lng}
                    aria-label={`${t(`languages.${lng}`)} — ${t(`languages.${lng}Long`)}`}
                    onClick={() => setLanguage(lng)}
                  >
                    {t(`languages.${lng}`)}
                  </button>
                ))}
              </fieldset>
            )}
            {user ? (
              <div className="user-menu">
                {/* ---- notifications: the bell, and the name leads to the profile ---- */}
                <NotificationBell />
                <Link to="/profile" className="user-name" title={`${user.name} — ${roleName}`}>
                  {/* On a desktop's full header row the initials stand for the name and role, which
                      stay the link's accessible name (layout.css); the phone menu shows them whole. */}
                  <span className="user-initials" aria-hidden="true">
                    {initials(user.name)}
                  </span>
                  <span className="user-name__full">{user.name}</span>
                  <span className="user-role">{roleName}</span>
                </Link>
                <button type="button" className="button button--secondary button--small" onClick={onLogout}>
                  {t('auth.logout')}
                </button>
              </div>
            ) : (
              <div className="user-menu">
                <Link
                  to="/login"
                  state={{ from: location.pathname + location.search }}
                  className="button button--small"
                >
                  {t('auth.login')}
                </Link>
                <Link to="/register" className="button button--secondary button--small">
                  {t('auth.register')}
                </Link>
              </div>
            )}
          </div>
        </div>
      </div>
      {current && (
        <nav className="section-nav" aria-label={t(current.label)}>
          <ul className="container section-nav__list">
            {current.items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{t(item.label)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}
