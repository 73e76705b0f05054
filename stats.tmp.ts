import fc from 'fast-check';
import { intentArb, runWorld } from './libs/routing-core/src/testing/random-world.fixtures';
const samples = fc.sample(fc.array(intentArb, { minLength: 30, maxLength: 120 }), 100);
let offers = 0, errs = 0, cmds = 0, viol = 0; const types = new Map<string, number>();
for (const s of samples) { const r = runWorld(s); cmds += r.log.length; viol += r.violations.length; for (const l of r.log) { if (l.includes('!')) { errs++; types.set(l, (types.get(l) ?? 0) + 1); } const m = l.match(/"type":"(\w+)"/g); for (const x of m ?? []) types.set(x, (types.get(x) ?? 0) + 1); } }
console.log({ cmds, errs, viol }, types);
console.log(runWorld(samples[3]).log.slice(0, 40).join('\n').slice(0, 3000));
