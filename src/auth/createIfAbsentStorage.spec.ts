import { MemoryStorage, TeamsSSOTokenExchangeMiddleware, type Storage, type TurnContext } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type Azurite } from '../../test/support/azurite';
import { BlobStorage } from '../storage/blobStorage';
import { FileStorage } from '../storage/fileStorage';
import { tempDirPerTest } from '../storage/tempDir.spec-helper';
import { CreateIfAbsentStorage } from './createIfAbsentStorage';

const CONNECTION = 'GraphConnection';

/**
 * Runs botbuilder's real TeamsSSOTokenExchangeMiddleware (teams-ai's OAuthBotAuthentication installs it) on
 * `signin/tokenExchange` invokes carrying `exchangeId`, as Teams sends one from each client the user has open.
 * Returns how many reached the bot and the invoke responses the others got.
 */
async function tokenExchanges(storage: Storage, exchangeIds: string[]) {
  const middleware = new TeamsSSOTokenExchangeMiddleware(storage, CONNECTION);
  let processed = 0;
  const responses: unknown[] = [];
  await Promise.all(
    exchangeIds.map((id) => {
      const context = {
        activity: {
          type: 'invoke',
          name: 'signin/tokenExchange',
          channelId: 'msteams',
          conversation: { id: 'a:1personal-chat' },
          from: { id: '29:1user' },
          value: { id, connectionName: CONNECTION, token: 'sso-token' },
        },
        adapter: { exchangeToken: async () => ({ token: 'exchanged-token', connectionName: CONNECTION }) },
        turnState: new Map(),
        sendActivity: async (activity: { value?: unknown }) => {
          responses.push(activity.value);
          return { id: 'r' };
        },
      } as unknown as TurnContext;
      return middleware.onTurn(context, async () => {
        processed++;
      });
    }),
  );
  return { processed, responses };
}

const exchangeId = (n: number) => `0b1c2d3e-0000-4000-8000-00000000000${n}-${CONNECTION}`;

const dir = tempDirPerTest('create-if-absent-');

describe('sign-in token-exchange de-duplication', () => {
  it('drops every exchange over plain FileStorage (the bug the wrapper fixes)', async () => {
    expect((await tokenExchanges(new FileStorage(dir()), [exchangeId(1)])).processed).toBe(0);
  });

  it('lets the first exchange through over wrapped FileStorage, and answers duplicates 200 without processing them', async () => {
    const storage = new CreateIfAbsentStorage(new FileStorage(dir()));
    expect((await tokenExchanges(storage, [exchangeId(1)])).processed).toBe(1);
    const again = await tokenExchanges(storage, [exchangeId(1)]);
    expect(again.processed).toBe(0);
    expect(again.responses).toEqual([{ body: null, status: 200 }]);
    expect((await tokenExchanges(storage, [exchangeId(2)])).processed).toBe(1);
  });

  it('processes exactly one of three simultaneous exchanges from two bot instances on one directory', async () => {
    const one = new CreateIfAbsentStorage(new FileStorage(dir()));
    const two = new CreateIfAbsentStorage(new FileStorage(dir()));
    const [a, b] = await Promise.all([tokenExchanges(one, [exchangeId(3), exchangeId(3)]), tokenExchanges(two, [exchangeId(3)])]);
    expect(a.processed + b.processed).toBe(1);
  });

  it('keeps MemoryStorage behaviour: the first exchange through, duplicates not', async () => {
    const storage = new CreateIfAbsentStorage(new MemoryStorage());
    expect((await tokenExchanges(storage, [exchangeId(1), exchangeId(1)])).processed).toBe(1);
    expect((await tokenExchanges(storage, [exchangeId(1)])).processed).toBe(0);
  });
});

describe('CreateIfAbsentStorage as ordinary storage', () => {
  it('still rejects a stale eTag on an existing item, and writes the other items of the same call', async () => {
    const storage = new CreateIfAbsentStorage(new FileStorage(dir()));
    await storage.write({ state: { n: 1 } });
    const { state } = await storage.read(['state']);
    await storage.write({ state: { n: 2, eTag: state.eTag } });
    await expect(storage.write({ state: { n: 3, eTag: state.eTag }, other: { n: 9 } })).rejects.toThrow(/eTag conflict/);
    expect(await storage.read(['state', 'other'])).toMatchObject({ state: { n: 2 }, other: { n: 9 } });
  });

  it('creates a new key written with an eTag, storing the item without it', async () => {
    const storage = new CreateIfAbsentStorage(new FileStorage(dir()));
    await storage.write({ fresh: { v: 'x', eTag: 'from-the-caller' } });
    const { fresh } = await storage.read(['fresh']);
    expect(fresh.v).toBe('x');
    expect(fresh.eTag).not.toBe('from-the-caller');
  });

  it('passes deletes and the atomic create through', async () => {
    const storage = new CreateIfAbsentStorage(new FileStorage(dir()));
    expect(await storage.createIfAbsent('op', { a: 1 })).toBe(true);
    expect(await storage.createIfAbsent('op', { a: 2 })).toBe(false);
    await storage.delete(['op']);
    expect(await storage.read(['op'])).toEqual({});
  });
});

describe('sign-in token-exchange de-duplication on Azure Blob Storage (Azurite)', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await azurite?.close();
  });

  it('drops every exchange over plain blob storage, and lets exactly the first through once wrapped', async () => {
    expect((await tokenExchanges(new BlobStorage(azurite.connectionString, 'plain'), [exchangeId(1)])).processed).toBe(0);
    const wrapped = new CreateIfAbsentStorage(new BlobStorage(azurite.connectionString, 'wrapped'));
    expect((await tokenExchanges(wrapped, [exchangeId(1), exchangeId(1), exchangeId(1)])).processed).toBe(1);
    expect((await tokenExchanges(wrapped, [exchangeId(1)])).processed).toBe(0);
  });
});
