import { curatorChoice, findRoutingRule } from '../../demo/organisations.ts';
import { generateDemoReports } from '../../demo/report-generator.ts';
import type { TrainingExample } from '../../modules/classifier/index.ts';

/**
 * Training examples for the demo region's first model, from the project's own generator (never from
 * real data): each generated report labelled with its topic, subject and the organisation that
 * answers it there — the routing rule, or the curator's usual choice where there is none.
 */
export function demoTrainingExamples(now: Date, count = 4000): TrainingExample[] {
  return generateDemoReports({ count, now, seed: 7 }).map((p) => ({
    text: p.text,
    district: p.districtName,
    category: p.topicCode,
    reason: p.categoryCode,
    executor_org:
      p.organisationCode ??
      findRoutingRule(p.categoryCode, p.districtCode)?.organisationCode ??
      curatorChoice(p.categoryCode, p.districtCode).code,
    dt: p.createdAt.toISOString(),
  }));
}
