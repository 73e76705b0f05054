// Reads what the k6 script logs for each contact, offer and assignment (its console output file). One line per
// event keeps a 1,000/s run to a few tens of MB, where k6's own JSON output writes about a dozen samples per
// request. Lines, after k6's `msg="`:
//   R <run id>                                  once, from setup()
//   C <seq> <http status> <sent epoch ms> <ms>  every POST /v1/contacts (status 0: no response)
//   O <seq> <received epoch ms> <ms>            every offer of this run's contacts, timed from its POST
//   A <received epoch ms> <ms>                  every assignment, timed from the accept
// Anything else the script logs (warnings, errors) is kept as text.

export interface ContactSample {
  readonly seq: number;
  readonly status: number;
  readonly sentAt: number;
  readonly ms: number;
}

export interface TimedSample {
  readonly at: number;
  readonly ms: number;
}

export interface RunLog {
  runId: string | null;
  posted: number;
  /** Sequence numbers of the contacts answered 202. */
  readonly accepted: Set<number>;
  readonly contacts: ContactSample[];
  readonly offers: TimedSample[];
  readonly assignments: TimedSample[];
  readonly problems: string[];
}

const LINE = /level=(\w+) msg="((?:[^"\\]|\\.)*)"/;

export function readRunLog(text: string): RunLog {
  const log: RunLog = {
    runId: null,
    posted: 0,
    accepted: new Set(),
    contacts: [],
    offers: [],
    assignments: [],
    problems: [],
  };
  for (const line of text.split('\n')) {
    const match = LINE.exec(line);
    if (match) readLine(log, match[1], match[2]);
  }
  return log;
}

function readLine(log: RunLog, level: string, msg: string): void {
  const f = msg.split(' ');
  switch (level === 'info' ? f[0] : '') {
    case 'R':
      log.runId = f[1];
      return;
    case 'C': {
      const sample = { seq: Number(f[1]), status: Number(f[2]), sentAt: Number(f[3]), ms: Number(f[4]) };
      log.contacts.push(sample);
      log.posted++;
      if (sample.status === 202) log.accepted.add(sample.seq);
      return;
    }
    case 'O':
      log.offers.push({ at: Number(f[2]), ms: Number(f[3]) });
      return;
    case 'A':
      log.assignments.push({ at: Number(f[1]), ms: Number(f[2]) });
      return;
    default:
      log.problems.push(`${level}: ${msg.replace(/\\"/g, '"')}`);
  }
}
