import { describe, expect, it } from 'vitest';
import { questionSchema, toData, type Question } from './question';

/** What a button's data reads back as: the question, or undefined when it is not one. */
const fromData = (data: unknown) => {
  const read = questionSchema.safeParse(data);
  return read.success ? read.data : undefined;
};

describe('questions carried in card buttons (history paging, mapping asks)', () => {
  const spId = '11111111-1111-4111-8111-111111111111';

  it('keeps the page and focus of a history question, and the part of the schema a mapping question asks about', () => {
    const history: Question = { intent: { topic: 'history', app: 'Zendesk', historyFocus: 'restarts' }, page: 2, appPick: { spId, jobId: 'scim.abc.def' } };
    expect(fromData(toData(history))).toEqual(history);
    const mapping: Question = { intent: { topic: 'mapping', app: 'Zendesk', principal: 'farah', mapping: { kind: 'attribute', attribute: 'job title' } } };
    expect(fromData(toData(mapping))).toEqual(mapping);
  });

  it('refuses tampered paging or mapping data', () => {
    expect(fromData({ topic: 'history', page: -1 })).toBeUndefined();
    expect(fromData({ topic: 'history', page: 'x' })).toBeUndefined();
    expect(fromData({ topic: 'history', historyFocus: 'everything' })).toBeUndefined();
    expect(fromData({ topic: 'mapping', mappingKind: 'drop tables' })).toBeUndefined();
    expect(fromData({ topic: 'mapping', mappingKind: 'attribute', attribute: 'x'.repeat(201) })).toBeUndefined();
  });
});


describe('a question on a button', () => {
  it('carries a list’s window and kind through a "which one?" click', () => {
    const q = { intent: { topic: 'list' as const, app: 'sales', window: { hours: 72, label: 'in the last 3 days' }, listOf: 'skipped' as const } };
    expect(fromData(JSON.parse(JSON.stringify(toData(q))))).toEqual(q);
  });

  it('refuses a window or kind it did not write', () => {
    expect(fromData({ topic: 'list', window: { label: 'x'.repeat(61) } })).toBeUndefined();
    expect(fromData({ topic: 'list', window: { label: 'today', since: "2026-01-01T00:00:00Z' or 1 eq 1" } })).toBeUndefined();
    expect(fromData({ topic: 'list', listOf: 'everything' })).toBeUndefined();
    expect(fromData({ topic: 'not-started', appPhase: 'sleeping' })).toBeUndefined();
    expect(fromData({ topic: 'status', errorCode: "EntryConflict' or 1 eq 1" })).toBeUndefined();
  });

  it('carries an error code asked about through a "which app?" click', () => {
    const q = { intent: { topic: 'status' as const, errorCode: 'ZendeskMandatoryFieldsMissing', app: 'zen' } };
    expect(fromData(JSON.parse(JSON.stringify(toData(q))))).toEqual(q);
  });

  it('carries the state an overview is narrowed to ("which apps are paused?")', () => {
    const q = { intent: { topic: 'not-started' as const, appPhase: 'paused' as const } };
    expect(fromData(JSON.parse(JSON.stringify(toData(q))))).toEqual(q);
  });
});
