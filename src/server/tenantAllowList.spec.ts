import { describe, expect, it } from 'vitest';
import { tenantAllowList, tenantsOf } from './tenantAllowList';

const CONTOSO = '656de55b-f7c8-52d4-81ee-22517ac76931';
const OTHER = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const activity = (conversationTenant?: string, channelTenant?: string) => ({
  type: 'message',
  conversation: { id: 'a:1', tenantId: conversationTenant },
  channelData: channelTenant ? { tenant: { id: channelTenant } } : {},
});

describe('tenantAllowList', () => {
  const allowed = tenantAllowList([CONTOSO]);

  it('allows an activity whose tenant is listed, whatever the case', () => {
    expect(allowed(activity(CONTOSO, CONTOSO))).toBe(true);
    expect(allowed(activity(CONTOSO.toUpperCase()))).toBe(true);
    expect(allowed(activity(undefined, CONTOSO))).toBe(true);
  });

  it('refuses another tenant, a mismatch between the two fields, and an activity naming none', () => {
    expect(allowed(activity(OTHER, OTHER))).toBe(false);
    expect(allowed(activity(CONTOSO, OTHER))).toBe(false);
    expect(allowed(activity())).toBe(false);
    expect(allowed('not an activity')).toBe(false);
    expect(allowed({ conversation: { tenantId: 42 } })).toBe(false);
  });

  it('allows every tenant when no list is configured', () => {
    expect(tenantAllowList(undefined)(activity(OTHER))).toBe(true);
  });

  it('reads both places Teams names the tenant', () => {
    expect(tenantsOf(activity(` ${CONTOSO.toUpperCase()} `, OTHER))).toEqual([CONTOSO, OTHER]);
    expect(tenantsOf(null)).toEqual([]);
  });
});
