// Client reuse over botbuilder's own authentication (no stand-in): the connector client a turn gets is the one
// the turn before got for the same bot and service URL, never another service URL's, while botbuilder's own
// factory makes a new one every time.
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ClaimsIdentity } from 'botframework-connector';
import { describe, expect, it } from 'vitest';
import { ClientReuse } from './clientReuse';

const EMEA = 'https://smba.trafficmanager.net/emea/';
const AMER = 'https://smba.trafficmanager.net/amer/';
const AUDIENCE = 'https://api.botframework.com';

function setup() {
  const appId = 'bot-app-id';
  const inner = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: appId, MicrosoftAppPassword: 'not-a-secret', MicrosoftAppType: 'MultiTenant' });
  const identity = new ClaimsIdentity([{ type: 'aud', value: appId }], true);
  return { inner, identity, reuse: new ClientReuse(inner) };
}

describe('ClientReuse', () => {
  it('hands every turn of one bot and service URL the same connector client', async () => {
    const { inner, identity, reuse } = setup();
    const first = await reuse.createConnectorFactory(identity).create(EMEA, AUDIENCE);
    const second = await reuse.createConnectorFactory(identity).create(EMEA, AUDIENCE);
    expect(second).toBe(first);
    // What it saves: botbuilder alone builds a new client (and HTTP pipeline) per turn.
    expect(await inner.createConnectorFactory(identity).create(EMEA, AUDIENCE)).not.toBe(await inner.createConnectorFactory(identity).create(EMEA, AUDIENCE));
  });

  it('keeps each service URL its own client, so a reply never goes to another region', async () => {
    const { identity, reuse } = setup();
    const emea = await reuse.createConnectorFactory(identity).create(EMEA, AUDIENCE);
    const amer = await reuse.createConnectorFactory(identity).create(AMER, AUDIENCE);
    expect(amer).not.toBe(emea);
    expect((amer as unknown as { baseUri: string }).baseUri).toBe(AMER);
    expect((emea as unknown as { baseUri: string }).baseUri).toBe(EMEA);
  });

  it('keeps one user-token client per bot', async () => {
    const { identity, reuse } = setup();
    expect(await reuse.createUserTokenClient(identity)).toBe(await reuse.createUserTokenClient(identity));
  });
});
