import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatPercentPair, localName } from '../../../lib/format';
import { useCategories } from '../../reference/api/get-categories';
import { useOrganisations } from '../../reference/api/get-organisations';
import { parseRouting, type Routing, readableTerms, type Term } from '../routing';

type Explained = { text: string; notes: string[] };

/** The words for one routing record: the decision, then what explains it further. */
type Names = {
  organisation: (id: string) => string;
  /** A subject by its code; the code itself when the list is not loaded. */
  subject: (code: string) => string;
};

const noNames: Names = { organisation: () => '', subject: (code) => code };

function termText(term: Term, t: TFunction, names: Names): string {
  if (term.kind === 'subject') return t('routing.termSubject', { name: names.subject(term.code) });
  if (term.kind === 'district')
    // The model keeps names in lower case.
    return t('routing.termDistrict', { name: term.name.charAt(0).toUpperCase() + term.name.slice(1) });
  return term.text;
}

export function explainRouting(routing: Routing, t: TFunction, names: Names = noNames): Explained {
  switch (routing.kind) {
    case 'rule':
      return { text: t('routing.rule'), notes: [] };
    case 'classifier': {
      const [confidence, threshold] = formatPercentPair(routing.confidence, routing.threshold);
      const { shown, more } = readableTerms(routing.terms);
      const terms = `${shown.map((term) => termText(term, t, names)).join(', ')}${more ? ' …' : ''}`;
      return {
        text:
          shown.length > 0
            ? t('routing.classifierWithTerms', { confidence, threshold, terms })
            : t('routing.classifier', { confidence, threshold }),
        notes: routing.rules ? [t('routing.why', { reason: t(`routing.reasons.${routing.rules}`) })] : [],
      };
    }
    case 'curator': {
      const reason = t(`routing.reasons.${routing.reason}`);
      let text = t('routing.curator', { reason });
      if (routing.classifier) {
        const [confidence, threshold] = formatPercentPair(
          routing.classifier.confidence,
          routing.classifier.threshold,
        );
        text = t('routing.curatorUnsure', { reason, confidence, threshold });
      }
      const candidates = routing.candidateOrganisationIds.map(names.organisation).filter(Boolean);
      return {
        text,
        notes: candidates.length > 0 ? [t('routing.candidates', { names: candidates.join(', ') })] : [],
      };
    }
    case 'assigned': {
      const previous = routing.previous && explainRouting(routing.previous, t, names);
      return {
        text: t('routing.assigned'),
        notes: previous ? [t('routing.previous', { text: previous.text })] : [],
      };
    }
    case 'proposal':
      return {
        text:
          routing.rules === 0 ? t('routing.proposalNone') : t('routing.proposal', { count: routing.rules }),
        notes: [],
      };
    case 'other':
      return {
        text: t(`report.routingMethod.${routing.method}`, { defaultValue: routing.method }),
        notes: [],
      };
  }
}

function candidateIds(routing: Routing | null): string[] {
  if (routing?.kind === 'curator') return routing.candidateOrganisationIds;
  if (routing?.kind === 'assigned') return candidateIds(routing.previous);
  return [];
}

/** How the report found (or did not find) its organisation, in words, for staff. */
export function RoutingExplanation({ routing }: { routing: unknown }) {
  const { t } = useTranslation();
  const parsed = parseRouting(routing);
  const organisations = useOrganisations(candidateIds(parsed).length > 0);
  const categories = useCategories();
  if (!parsed) return null;
  const names: Names = {
    organisation: (id) => localName(organisations.data?.find((o) => o.id === id)?.name),
    subject: (code) => localName(categories.data?.find((c) => c.code === code)?.name) || code,
  };
  const { text, notes } = explainRouting(parsed, t, names);
  return (
    <>
      <span className="routing-text">{text}</span>
      {notes.map((note) => (
        <span key={note} className="routing-note">
          {note}
        </span>
      ))}
    </>
  );
}
