import fc from 'fast-check';
import { intentArb, runWorld } from './libs/routing-core/src/testing/random-world.fixtures';
import { restoreInto } from './libs/routing-core/src/testing/restore.fixtures';
fc.assert(fc.property(fc.array(intentArb, { minLength: 50, maxLength: 250 }), (intents) => {
  const r = runWorld(intents);
  if (r.violations.length) throw new Error(r.violations.join('\n'));
  const x = restoreInto(r);
  if (x.decisions.some(d => d.includes('"offer"'))) throw new Error('offer on restore');
  for (const id of r.model.contacts.keys()) if (JSON.stringify(x.engine.getContact(id)) !== JSON.stringify(r.engine.getContact(id))) throw new Error('restore differs ' + id);
}), { numRuns: 3000 });
console.log('ok');
