import { useTranslation } from 'react-i18next';

/** CSV and XLSX downloads of one table (the server streams them). */
export function ExportLinks({ csv, xlsx, name }: { csv: string; xlsx: string; name: string }) {
  const { t } = useTranslation();
  return (
    <span className="export-links">
      <a href={csv} download className="button button--secondary button--small">
        {t('analytics.exportCsv')}
        <span className="visually-hidden"> — {name}</span>
      </a>
      <a href={xlsx} download className="button button--secondary button--small">
        {t('analytics.exportXlsx')}
        <span className="visually-hidden"> — {name}</span>
      </a>
    </span>
  );
}
