import { describe, expect, it } from 'vitest';
import { graphSelectFor, readSourceAttribute, readSourceValues, REFUSED_PROPERTIES } from './sourceAttributes';

const user = {
  id: 'u1',
  officeLocation: 'Paris',
  businessPhones: ['+33 1 23 45 67 89', '+33 9'],
  mobilePhone: '+33 6',
  faxNumber: null,
  department: '',
  accountEnabled: false,
  onPremisesExtensionAttributes: { extensionAttribute7: 'Contractor', extensionAttribute15: null },
  extension_0123456789abcdef0123456789abcdef_costCenter: 'CC-42',
};

describe('readSourceAttribute', () => {
  it('maps Entra source names to Graph properties', () => {
    expect(readSourceAttribute(user, 'objectId')).toBe('u1');
    expect(readSourceAttribute(user, 'physicalDeliveryOfficeName')).toBe('Paris');
    expect(readSourceAttribute(user, 'telephoneNumber')).toBe('+33 1 23 45 67 89');
    expect(readSourceAttribute(user, 'mobile')).toBe('+33 6');
    expect(readSourceAttribute(user, 'extensionAttribute7')).toBe('Contractor');
    expect(readSourceAttribute(user, 'ExtensionAttribute7')).toBe('Contractor');
    expect(readSourceAttribute(user, 'extension_0123456789abcdef0123456789abcdef_costCenter')).toBe('CC-42');
    expect(readSourceAttribute(user, 'accountEnabled')).toBe(false);
  });

  it('returns null for missing, null and empty values', () => {
    expect(readSourceAttribute(user, 'department')).toBeNull();
    expect(readSourceAttribute(user, 'facsimileTelephoneNumber')).toBeNull();
    expect(readSourceAttribute(user, 'extensionAttribute15')).toBeNull();
    expect(readSourceAttribute(user, 'city')).toBeNull();
    expect(readSourceAttribute(null, 'city')).toBeNull();
    expect(readSourceAttribute(user, '')).toBeNull();
  });

  it('treats IsSoftDeleted as false for an object that exists, whatever accountEnabled says', () => {
    expect(readSourceAttribute(user, 'IsSoftDeleted')).toBe(false);
  });
});

describe('readSourceValues on a property Graph refused', () => {
  it('says the value cannot be read, and why, instead of taking its absence for an empty value', () => {
    const user = { department: 'Sales', [REFUSED_PROPERTIES]: { employeeLeaveDateTime: 'Microsoft Graph did not return employeeLeaveDateTime to you' } };
    expect(readSourceValues(user, 'employeeLeaveDateTime')).toEqual({ unreadable: 'Microsoft Graph did not return employeeLeaveDateTime to you' });
    expect(readSourceValues(user, 'department')).toEqual({ values: ['Sales'] });
  });
});

describe('graphSelectFor', () => {
  it('lists the $select names, once each, and leaves out names Graph would reject', () => {
    expect(
      graphSelectFor(['department', 'extensionAttribute1', 'extensionAttribute2', 'telephoneNumber', 'IsSoftDeleted', 'manager', 'objectId', null]),
    ).toEqual(['department', 'onPremisesExtensionAttributes', 'businessPhones', 'id']);
  });
});
