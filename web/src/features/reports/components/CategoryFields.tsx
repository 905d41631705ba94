import { useState } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { localName } from '../../../lib/format';
import { groupCategories, useCategories } from '../../reference/api/get-categories';

type Props = {
  registration: UseFormRegisterReturn<'categoryId'>;
  value: string;
  error?: string;
  onTopicChange: () => void;
};

/** Topic first, then one of its subjects: only subjects can be chosen for a report. */
export function CategoryFields({ registration, value, error, onTopicChange }: Props) {
  const { t } = useTranslation();
  const categories = useCategories();
  const groups = groupCategories(categories.data ?? []);
  const topicOfValue = groups.find((g) => g.subjects.some((s) => s.id === value))?.topic.id ?? '';
  const [topicId, setTopicId] = useState(topicOfValue);
  // A subject chosen elsewhere (a suggestion) brings its topic along, once per change of subject.
  const [seenValue, setSeenValue] = useState(value);
  if (value !== seenValue) {
    setSeenValue(value);
    if (topicOfValue) setTopicId(topicOfValue);
  }
  const shownTopic = topicOfValue || topicId;
  const topic = groups.find((g) => g.topic.id === shownTopic);

  if (categories.isError) return <ErrorMessage error={categories.error} />;
  return (
    <div className="field-pair">
      <Field id="report-topic" label={t('reportForm.topic')} required>
        <select
          id="report-topic"
          value={shownTopic}
          onChange={(e) => {
            setTopicId(e.target.value);
            onTopicChange();
          }}
          disabled={categories.isPending}
        >
          <option value="">{categories.isPending ? t('common.loading') : t('reportForm.chooseTopic')}</option>
          {groups.map((g) => (
            <option key={g.topic.id} value={g.topic.id}>
              {localName(g.topic.name)}
            </option>
          ))}
        </select>
      </Field>
      {/* The subject is controlled, so that one set from outside shows once its options render. */}
      <Field id="report-category" label={t('reportForm.subject')} error={error} required>
        <select
          id="report-category"
          disabled={!topic}
          {...describedBy('report-category', { error })}
          {...registration}
          value={value}
        >
          <option value="">{topic ? t('reportForm.chooseSubject') : t('reportForm.chooseTopicFirst')}</option>
          {topic?.subjects.map((s) => (
            <option key={s.id} value={s.id}>
              {localName(s.name)}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}
