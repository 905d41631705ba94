import type { PollResults, Question } from '@shared/participation/participation.schemas.ts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartOption, type ChartTable } from '../../../components/Chart';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { formatPercent } from '../../../lib/format';
import { usePollResults } from '../api/get-poll-results';

/** A horizontal bar chart: long option texts stay readable on a 360 px screen. */
export function barOption(labels: string[], values: number[], name: string): ChartOption {
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', name, data: values, itemStyle: { color: '#1d4ed8' } }],
  };
}

function QuestionResult({
  question,
  result,
}: {
  question: Question;
  result: PollResults['questions'][number];
}) {
  const { t } = useTranslation();
  const chart = useMemo((): { option: ChartOption; table: ChartTable } | null => {
    const optionText = (id: string) => question.options.find((o) => o.id === id)?.text ?? '';
    if (result.options && question.kind === 'ranking') {
      const rows = result.options.map((o) => [optionText(o.optionId), o.points ?? 0]);
      return {
        option: barOption(
          rows.map((r) => String(r[0])),
          rows.map((r) => Number(r[1])),
          t('participation.points'),
        ),
        table: { columns: [t('participation.option'), t('participation.points')], rows },
      };
    }
    if (result.options) {
      const rows = result.options.map((o) => [optionText(o.optionId), o.count, formatPercent(o.share, 1)]);
      return {
        option: barOption(
          rows.map((r) => String(r[0])),
          result.options.map((o) => o.count),
          t('participation.count'),
        ),
        table: {
          columns: [t('participation.option'), t('participation.count'), t('participation.share')],
          rows,
        },
      };
    }
    if (result.distribution) {
      const rows = result.distribution.map((d) => [String(d.value), d.count]);
      return {
        option: barOption(
          rows.map((r) => String(r[0])),
          result.distribution.map((d) => d.count),
          t('participation.count'),
        ),
        table: { columns: [t('participation.value'), t('participation.count')], rows },
      };
    }
    return null;
  }, [question, result, t]);

  return (
    <section className="result" aria-labelledby={`result-${question.id}`}>
      <h3 id={`result-${question.id}`}>{question.text}</h3>
      <p className="muted">
        {t('participation.answeredCount', { count: result.answered })}
        {result.mean !== undefined &&
          result.mean !== null &&
          ` · ${t('participation.mean', { mean: result.mean })}`}
      </p>
      {chart && (
        <Chart
          caption={question.text}
          hiddenCaption
          option={chart.option}
          table={chart.table}
          height={Math.max(160, 40 * chart.table.rows.length)}
        />
      )}
      {result.texts && (
        <ul className="text-answers">
          {result.texts.map((text, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: free-text answers have no identity of their own
            <li key={i}>{text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Live results of a poll: a chart with its table per question, and the exports. */
export function PollResultsView({
  pollId,
  questions,
  staff,
}: {
  pollId: string;
  questions: Question[];
  staff: boolean;
}) {
  const { t } = useTranslation();
  const results = usePollResults(pollId, true);
  if (results.isPending) return <Loading />;
  if (results.isError) return <ErrorMessage error={results.error} />;
  const base = `/api/v1/polls/${pollId}`;
  return (
    <section className="poll-results" aria-labelledby="poll-results-title">
      <h2 id="poll-results-title">{t('participation.results')}</h2>
      <p>{t('participation.ballotCount', { count: results.data.ballots })}</p>
      <p className="export-links">
        <a href={`${base}/results.csv`} download>
          {t('participation.exportCsv')}
        </a>{' '}
        <a href={`${base}/results.xlsx`} download>
          {t('participation.exportXlsx')}
        </a>
        {staff && (
          <>
            {' '}
            <a href={`${base}/ballots.csv`} download>
              {t('participation.ballotsCsv')}
            </a>{' '}
            <a href={`${base}/ballots.xlsx`} download>
              {t('participation.ballotsXlsx')}
            </a>
          </>
        )}
      </p>
      {questions.map((q) => {
        const r = results.data.questions.find((x) => x.questionId === q.id);
        return r ? <QuestionResult key={q.id} question={q} result={r} /> : null;
      })}
    </section>
  );
}
