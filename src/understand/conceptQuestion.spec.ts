import { describe, expect, it } from 'vitest';
import { understand } from './understand';

const names = { apps: ['Zendesk', 'Tableau Cloud'] };

describe('a term of app provisioning asked about by itself', () => {
  it.each([
    ['what does quarantine mean', 'quarantine'],
    ['so what is quarantine exactly?', 'quarantine'],
    ['what does quarantined mean in entra', 'quarantine'],
    ['whats a scoping filter', 'scoping-filter'],
    ['how does the scoping filter work?', 'scoping-filter'],
    ['how does provision on demand work', 'provision-on-demand'],
    ['explain the initial cycle', 'initial-cycle'],
    ['what does matching precedence mean', 'matching-attribute'],
    ['what is the accidental deletions threshold', 'accidental-deletions'],
    ['what does sync all users and groups mean', 'sync-scope'],
    ['what does test connection do', 'test-connection'],
  ])('%s → %s', (text, concept) => {
    expect(understand(text, names)).toMatchObject({ concept });
  });

  it.each([
    ['what is in quarantine?', 'which apps are: the overview'],
    ['is zendesk in quarantine', 'one app’s state'],
    ['what is quarantine for zendesk', 'an app is named'],
    ['what is the scoping filter', 'the app asked about before'],
    ["what's the matching attribute for zendesk", 'one app’s mapping'],
    ['why was ravi skipped by the scoping filter in zendesk', 'a person'],
  ])('%s is no term (%s)', (text) => {
    expect(understand(text, names)).not.toHaveProperty('concept');
  });
});
