import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigation } from 'react-router';
import { usePendingReportsSync } from '../features/reports/offline/use-pending-sync';
import { Header } from './Header';
import { Notices } from './Notices';

export function Layout() {
  const { t } = useTranslation();
  const location = useLocation();
  // A page opened for the first time loads its chunk before it shows (app/router.tsx): the old page
  // stays, and this bar says the click was taken.
  const navigating = useNavigation().state === 'loading';
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  usePendingReportsSync();

  // After client-side navigation, move focus to the new page so screen readers announce it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on path change only.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      {navigating && (
        <div className="route-progress" role="status">
          <span className="visually-hidden">{t('common.loading')}</span>
        </div>
      )}
      <Header />
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('layout.footer')}</p>
          <p>
            {t('layout.mapCredit')}{' '}
            <a href="https://www.openstreetmap.org/copyright">© OpenStreetMap contributors</a>
          </p>
        </div>
      </footer>
      <Notices />
    </>
  );
}
