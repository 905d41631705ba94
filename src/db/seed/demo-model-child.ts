// The demo model's training as a child process (see trainDemoModelAside): argv is the data
// directory, the seed's time and the number of generated reports; the model's description goes
// back over IPC, each training stage first as a note.
import { trainDemoModel } from './demo-model.ts';

const [dataDir, at, count] = process.argv.slice(2);
if (!dataDir || !at || !count) throw new Error('usage: demo-model-child DATA_DIR ISO_TIME COUNT');
const model = await trainDemoModel(dataDir, new Date(at), Number(count), (note) => process.send?.({ note }));
process.send?.({ model }, () => process.disconnect?.());
