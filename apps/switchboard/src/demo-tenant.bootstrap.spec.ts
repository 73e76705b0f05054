import { describe, expect, it } from 'vitest';
import { seededNotice } from './demo-tenant.bootstrap';

const credentialsText = 'Agent password: s3cret\nIntegrator API key: sb_key\n';
const file = '/home/ana/switchboard/.data/demo-credentials.txt';

describe('seededNotice', () => {
  it('shows the secrets on a terminal, with the file they were saved to', () => {
    const notice = seededNotice({ credentialsText, file, interactive: true, pinned: false });
    expect(notice).toContain('s3cret');
    expect(notice).toContain('sb_key');
    expect(notice).toContain(file);
  });

  it('only points at the file when stderr is not a terminal (it may be collected like a log)', () => {
    const notice = seededNotice({ credentialsText, file, interactive: false, pinned: false });
    expect(notice).not.toContain('s3cret');
    expect(notice).toContain(file);
  });

  it('shows the secrets when there is no file to read them from later', () => {
    const notice = seededNotice({ credentialsText, file: undefined, interactive: false, pinned: false });
    expect(notice).toContain('s3cret');
    expect(notice).toContain('memory://');
  });

  it('never repeats pinned credentials: whoever pinned them knows them', () => {
    const notice = seededNotice({ credentialsText, file: undefined, interactive: true, pinned: true });
    expect(notice).not.toContain('s3cret');
    expect(notice).toContain('SEED_DEMO_PASSWORD');
  });
});
