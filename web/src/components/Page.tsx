import type { ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage';
import { Loading } from './Loading';
import { usePageTitle } from './use-page-title';

type Props = {
  /** The page's heading and the browser tab's title. */
  title: string;
  lead?: ReactNode;
  /** Shows the loading indicator while the page's data is on its way. */
  loading?: boolean;
  /** The first error of the page's requests, shown above its content. */
  error?: unknown;
  children?: ReactNode;
};

/** The frame of a work page: its title (also the tab's), a lead, loading and error, then its content. */
export function Page({ title, lead, loading = false, error = null, children }: Props) {
  usePageTitle(title);
  return (
    <div className="page">
      <h1>{title}</h1>
      {lead && <p className="lead">{lead}</p>}
      {loading && <Loading />}
      <ErrorMessage error={error} />
      {children}
    </div>
  );
}
