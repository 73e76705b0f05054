import { BusOverloadedError } from '@switchboard/messaging';
import { describe, expect, it } from 'vitest';
import { FencedOutError, StalePlanError } from '../write/batch.writer';
import { classifyFailure } from './failure.classifier';

const pgError = (code: string, message = 'db error'): Error => Object.assign(new Error(message), { code });

describe('failure classification', () => {
  it.each([
    ['08006', 'connection failure'],
    ['57P01', 'admin shutdown (a Postgres restart)'],
    ['40001', 'serialization failure'],
    ['40P01', 'deadlock'],
    ['53300', 'too many connections'],
  ])('retries SQLSTATE %s (%s) with backoff', (code) => {
    expect(classifyFailure(pgError(code))).toBe('retriable');
  });

  it.each([
    ['22P05', 'untranslatable character'],
    ['22021', 'invalid byte sequence'],
    ['23505', 'unique violation'],
    ['23503', 'foreign key violation'],
    ['54000', 'index row too large'],
  ])('isolates the records behind SQLSTATE %s (%s)', (code) => {
    expect(classifyFailure(pgError(code))).toBe('poison');
  });

  it('shrinks a batch whose statement ran past its timeout', () => {
    expect(classifyFailure(pgError('57014', 'canceling statement due to statement timeout'))).toBe(
      'too-large',
    );
  });

  it('retries when the network or the broker fails', () => {
    expect(classifyFailure(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe('retriable');
    expect(classifyFailure(new Error('Connection terminated unexpectedly'))).toBe('retriable');
    expect(classifyFailure(new BusOverloadedError('inbound', 10, 1000))).toBe('retriable');
  });

  it('reads the SQLSTATE of a wrapped cause', () => {
    expect(classifyFailure(new Error('query failed', { cause: pgError('22P05') }))).toBe('poison');
  });

  it('stops writing for a tenant another router took over, and rebuilds after a stale plan', () => {
    expect(classifyFailure(new FencedOutError('t1', 3))).toBe('fenced');
    expect(classifyFailure(new StalePlanError('t1', 1))).toBe('retriable');
  });

  it('treats a programming error one record triggers like refused data, so it cannot stall the rest', () => {
    expect(classifyFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      'poison',
    );
  });
});
