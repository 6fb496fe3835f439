import { describe, expect, it } from 'vitest';
import { fromData, toData, type Question } from './question';

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
