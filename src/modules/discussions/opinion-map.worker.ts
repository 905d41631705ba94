import { parentPort, workerData } from 'node:worker_threads';
import { computeOpinionMap, type VoteCell, type VoteTriple } from './opinion-map.compute.ts';
import type { MatrixTransfer } from './opinion-map.runner.ts';

/* The worker thread's side: the linear algebra runs here, never on the thread that serves requests. */
const data = workerData as MatrixTransfer;
const votes: VoteTriple[] = new Array(data.participantIdx.length);
for (let i = 0; i < data.participantIdx.length; i++)
  votes[i] = {
    participant: data.participantIdx[i]!,
    statement: data.statementIdx[i]!,
    vote: data.vote[i]! as VoteCell,
  };
parentPort!.postMessage(
  computeOpinionMap({
    participants: data.participants,
    statements: data.statements,
    votes,
    minParticipants: data.minParticipants,
  }),
);
