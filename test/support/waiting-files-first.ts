import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that spend minutes waiting on processes they start (app nodes killed and restarted, a
 * cluster's workers, a restore, a second region) and little CPU. Vitest runs the files it has no
 * timings for largest first, so on a fresh clone these short files ran last, alone: the suite's
 * tail was a crash test waiting for its nodes while one of the machine's two cores sat idle.
 * Started first, they wait while the other files use the CPU.
 */
export const WAITING_FILES = [
  'test/integration/several-nodes.test.ts',
  'test/integration/crash-safety.test.ts',
  'test/citus/two-regions.citus.ts',
  'test/integration/cluster-metrics.test.ts',
  'test/integration/pg-pool-warning.test.ts',
  'test/integration/restore.test.ts',
];

export default class WaitingFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = WAITING_FILES.indexOf(path.relative(this.ctx.config.root, spec.moduleId));
      return at < 0 ? WAITING_FILES.length : at;
    };
    // Array.prototype.sort is stable: the other files keep the base order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
