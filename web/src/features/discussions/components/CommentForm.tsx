import { COMMENT_MAX } from '@shared/discussions/discussions.schemas.ts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useAddComment } from '../api/discussions';

type Props = {
  discussionId: string;
  parentId?: string;
  /** Staff of the responsible authority: the reply is official unless they untick it. */
  official?: boolean;
  allowOfficial?: boolean;
  initialText?: string;
  submitLabel?: string;
  /** Editing: the caller sends the text. */
  onSubmitText?: (text: string, done: () => void) => void;
  error?: unknown;
  onDone?: () => void;
};

/** Writing a comment, a reply or an official reply (Markdown), or editing one's comment. */
export function CommentForm({
  discussionId,
  parentId,
  official: officialDefault = false,
  allowOfficial = false,
  initialText = '',
  submitLabel,
  onSubmitText,
  error,
  onDone,
}: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(initialText);
  const [official, setOfficial] = useState(officialDefault);
  const add = useAddComment(discussionId);
  const id = useId();
  const done = () => {
    setText('');
    onDone?.();
  };
  return (
    <form
      className="form comment-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (onSubmitText) onSubmitText(text, done);
        else add.mutate({ text, ...(parentId ? { parentId } : {}), official }, { onSuccess: done });
      }}
    >
      <div className="field">
        <label htmlFor={id}>
          {parentId ? t('discussions.replyLabel') : t('discussions.commentLabelField')}
        </label>
        <p className="hint" id={`${id}-hint`}>
          {t('discussions.markdownHint')}
        </p>
        <textarea
          id={id}
          aria-describedby={`${id}-hint`}
          rows={parentId ? 3 : 5}
          maxLength={COMMENT_MAX}
          value={text}
          required
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      {allowOfficial && (
        <label className="checkbox">
          <input type="checkbox" checked={official} onChange={(e) => setOfficial(e.target.checked)} />
          {t('discussions.officialReply')}
        </label>
      )}
      <ErrorMessage error={error ?? add.error} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={add.isPending || text.trim() === ''}>
          {submitLabel ?? (parentId ? t('discussions.sendReply') : t('discussions.send'))}
        </button>
        {onDone && (parentId !== undefined || onSubmitText) && (
          <button type="button" className="button button--secondary" onClick={onDone}>
            {t('discussions.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
