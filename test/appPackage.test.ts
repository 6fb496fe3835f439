// The Teams app package and the deployment files: the manifest validates against Microsoft's published schema
// (offline, from npm @microsoft/app-manifest), the icons are what Teams accepts, and teamsapp.yml,
// teamsapp.local.yml, aad.manifest.json, the env files and infra/ agree with each other, so provisioning
// does not stop halfway on a missing input or an empty variable.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const root = join(__dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const SCHEMA_DIR = join(root, 'node_modules/@microsoft/app-manifest/build/json-schemas/teams/v1.22');

// Realistic values for what provisioning writes to the environment.
const ENV: Record<string, string> = {
  TEAMS_APP_ID: '0b5c0d9e-3f4a-4c47-9a51-2d1e5f6a7b8c',
  BOT_ID: '6d3c2b1a-9e8f-4d7c-8b6a-5f4e3d2c1b0a',
  BOT_DOMAIN: 'provassistdev-x3k4d5q2m7wz.azurewebsites.net',
};
const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;

/** The manifest as the toolkit's zipAppPackage renders it; an unknown variable fails loudly. */
function renderedManifest(): Record<string, any> {
  const text = read('appPackage/manifest.json').replace(PLACEHOLDER, (_, name: string) => {
    if (!(name in ENV)) throw new Error(`manifest.json uses \${{${name}}}, which this test has no value for`);
    return ENV[name];
  });
  return JSON.parse(text);
}

function manifestValidator() {
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  ajv.addFormat('uri', { validate: (value: string) => URL.canParse(value) });
  const text = readFileSync(join(SCHEMA_DIR, 'MicrosoftTeams.schema.json'), 'utf8');
  // A $ref to another file resolves to that file of the same folder (v1.22 has none today; later versions may).
  const siblings = new Set([...text.matchAll(/"\$ref":\s*"([^#"][^#"]*)/g)].map((m) => m[1]));
  for (const file of siblings) {
    if (!readdirSync(SCHEMA_DIR).includes(file)) throw new Error(`the schema refers to ${file}, which is not in ${SCHEMA_DIR}`);
    // Sibling files may declare a later draft than ajv-draft-04 knows: load them without meta-validation.
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')), file, undefined, false);
  }
  return ajv.compile(JSON.parse(text));
}

describe('Teams app manifest', () => {
  const validate = manifestValidator();

  it('validates against the published v1.22 schema', () => {
    const manifest = renderedManifest();
    expect(manifest.manifestVersion).toBe('1.22');
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each<[string, (m: Record<string, any>) => void]>([
    ['a bot without botId', (m) => delete m.bots[0].botId],
    ['an unknown bot scope', (m) => (m.bots[0].scopes = ['personal', 'everyone'])],
    ['more than 10 commands', (m) => (m.bots[0].commandLists[0].commands = Array.from({ length: 11 }, (_, i) => ({ title: `c${i}`, description: 'd' })))],
    ['a webApplicationInfo id that is not a GUID', (m) => (m.webApplicationInfo.id = 'botid')],
    ['a developer name over 32 characters', (m) => (m.developer.name = 'Provisioning assistant contributors')],
    ['an unknown top-level property', (m) => (m.botScopes = ['team'])],
  ])('rejects a copy with %s', (_, breakIt) => {
    const manifest = renderedManifest();
    breakIt(manifest);
    expect(validate(manifest)).toBe(false);
  });

  it('installs the bot in personal chat, teams and group chats with help and example questions', () => {
    const [bot] = renderedManifest().bots;
    expect(bot.botId).toBe(ENV.BOT_ID);
    expect(bot.scopes).toEqual(expect.arrayContaining(['personal', 'team', 'groupChat']));
    const [list] = bot.commandLists;
    expect(list.scopes).toEqual(expect.arrayContaining(['personal', 'team', 'groupChat']));
    const titles = list.commands.map((c: { title: string }) => c.title);
    expect(titles).toContain('help');
    expect(titles.length).toBeGreaterThan(1);
    expect(titles.length).toBeLessThanOrEqual(10);
  });

  it('lists commands that work on any tenant: no app or person of the demo tenants', () => {
    const demoNames = readdirSync(join(root, 'demo-tenants'))
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => {
        const tenant = JSON.parse(read(join('demo-tenants', f))) as { servicePrincipals: Array<{ displayName: string }>; users: Array<{ displayName: string; givenName?: string }> };
        return [...tenant.servicePrincipals.map((s) => s.displayName), ...tenant.users.flatMap((u) => [u.displayName, u.givenName ?? ''])];
      })
      .filter((name) => name.length > 2)
      .map((name) => name.toLowerCase());
    expect(demoNames.length).toBeGreaterThan(10);
    const [list] = renderedManifest().bots[0].commandLists;
    for (const c of list.commands as Array<{ title: string; description: string }>) {
      const words = ` ${c.title} ${c.description} `.toLowerCase().replace(/[^\p{L}\p{N}' ]+/gu, ' ');
      expect(demoNames.filter((name) => words.includes(` ${name} `)), c.title).toEqual([]);
    }
  });

  it('links its website, privacy statement and terms to pages the bot serves on its own domain', () => {
    const { developer } = renderedManifest();
    for (const [field, page] of [['websiteUrl', 'about'], ['privacyUrl', 'privacy'], ['termsOfUseUrl', 'terms']]) {
      expect(developer[field]).toBe(`https://${ENV.BOT_DOMAIN}/${page}`);
      expect(read(`docs/pages/${page}.html`)).toMatch(/<h1>[^<]+<\/h1>/);
    }
  });

  it('shows the bot under the same name in the Playground (npm run playground) as in Teams', () => {
    const playground = parseYaml(read('.m365agentsplayground.yml'));
    expect(playground.bot.name).toBe(renderedManifest().name.short);
    // Without every section the playground falls back to its built-in "Test Bot".
    expect(Object.keys(playground)).toEqual(expect.arrayContaining(['version', 'tenantId', 'bot', 'currentUser', 'users', 'personalChat', 'groupChat', 'team']));
    expect(playground.users).toHaveLength(5);
  });

  it('names the SSO resource the Entra app exposes, and the domains sign-in needs', () => {
    const manifest = renderedManifest();
    expect(manifest.webApplicationInfo).toEqual({ id: ENV.BOT_ID, resource: `api://botid-${ENV.BOT_ID}` });
    const aad = JSON.parse(read('aad.manifest.json'));
    expect(aad.identifierUris).toEqual(['api://botid-${{BOT_ID}}']);
    expect(aad.appId).toBe('${{BOT_ID}}');
    expect(manifest.validDomains).toEqual(expect.arrayContaining(['*.botframework.com', ENV.BOT_DOMAIN]));
  });
});

// ---- icons -------------------------------------------------------------------------------------------------

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
  /** RGBA, 4 bytes per pixel, row after row (only for 8-bit RGBA non-interlaced images). */
  pixels?: Buffer;
}

const PNG_SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function decodePng(file: Buffer): Png {
  if (!file.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG file');
  let header: Png | undefined;
  const idat: Buffer[] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    const type = file.toString('ascii', at + 4, at + 8);
    const data = file.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8], colorType: data[9], interlace: data[12] };
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + length;
  }
  if (!header) throw new Error('PNG without IHDR');
  if (header.bitDepth !== 8 || header.colorType !== 6 || header.interlace !== 0) return header;
  return { ...header, pixels: unfilter(inflateSync(Buffer.concat(idat)), header.width, header.height) };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Reverses PNG row filters (types 0–4) of 8-bit RGBA scanlines. */
function unfilter(raw: Buffer, width: number, height: number): Buffer {
  const bpp = 4;
  const stride = width * bpp;
  if (raw.length !== height * (stride + 1)) throw new Error('PNG image data has the wrong length');
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= bpp ? out[y * stride + x - bpp] : 0;
      const up = y > 0 ? out[(y - 1) * stride + x] : 0;
      const upLeft = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp] : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) throw new Error(`unknown PNG filter type ${filter}`);
      out[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return out;
}

/** The inverse of unfilter with a chosen filter type per row: proves the decoder against every type. */
function filterRows(pixels: Buffer, width: number, height: number, typeOfRow: (y: number) => number): Buffer {
  const bpp = 4;
  const stride = width * bpp;
  const raw = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const type = typeOfRow(y);
    raw[y * (stride + 1)] = type;
    for (let x = 0; x < stride; x++) {
      const left = x >= bpp ? pixels[y * stride + x - bpp] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp] : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][type];
      raw[y * (stride + 1) + 1 + x] = (pixels[y * stride + x] - predictor) & 0xff;
    }
  }
  return raw;
}

describe('app icons', () => {
  const manifest = renderedManifest();
  const color = decodePng(readFileSync(join(root, 'appPackage', manifest.icons.color)));
  const outline = decodePng(readFileSync(join(root, 'appPackage', manifest.icons.outline)));

  it('has a 192×192 color icon', () => {
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.pixels).toBeDefined();
  });

  it('has a 32×32 outline icon that is white on transparent, with a visible glyph', () => {
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const pixels = outline.pixels!;
    let white = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b, a] = pixels.subarray(i, i + 4);
      if (a === 0) continue;
      expect({ pixel: i / 4, r, g, b }).toEqual({ pixel: i / 4, r: 255, g: 255, b: 255 });
      if (a === 255) white++;
    }
    expect(white).toBeGreaterThan(20);
    expect(white).toBeLessThan(32 * 32);
  });

  it('decodes every PNG row filter type the same (sub, up, average, paeth)', () => {
    const { width, height } = outline;
    for (const typeOfRow of [(y: number) => y % 5, () => 1, () => 2, () => 3, () => 4]) {
      expect(unfilter(filterRows(outline.pixels!, width, height, typeOfRow), width, height).equals(outline.pixels!)).toBe(true);
    }
    expect(() => unfilter(filterRows(outline.pixels!, width, height, () => 0).fill(5, 0, 1), width, height)).toThrow(/filter type 5/);
  });
});

// ---- Teams Toolkit project files -----------------------------------------------------------------------------

interface Action {
  uses: string;
  with?: Record<string, any>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface Project {
  version: string;
  provision: Action[];
  deploy?: Action[];
}

// Required inputs and outputs of each action used here, from the toolkit's v1.5 yaml schema.
const REQUIRED_INPUTS: Record<string, string[]> = {
  'teamsApp/create': ['name'],
  'aadApp/create': ['name', 'generateClientSecret', 'signInAudience'],
  'botAadApp/create': ['name'],
  'botFramework/create': ['botId', 'name', 'messagingEndpoint'],
  'arm/deploy': ['subscriptionId', 'resourceGroupName', 'templates'],
  'aadApp/update': ['manifestPath', 'outputFilePath'],
  'teamsApp/validateManifest': ['manifestPath'],
  'teamsApp/zipAppPackage': ['manifestPath', 'outputZipPath', 'outputJsonPath'],
  'teamsApp/validateAppPackage': ['appPackagePath'],
  'teamsApp/update': ['appPackagePath'],
  'cli/runNpmCommand': ['args'],
  'azureAppService/zipDeploy': ['artifactFolder', 'resourceId'],
  'file/createOrUpdateEnvironmentFile': ['envs', 'target'],
};
const REQUIRED_OUTPUTS: Record<string, string[]> = {
  'teamsApp/create': ['teamsAppId'],
  'aadApp/create': ['clientId', 'objectId', 'clientSecret'],
  'botAadApp/create': ['botId', 'botPassword'],
};
// Outputs that must land in the git-ignored .user file.
const SECRET_OUTPUTS = new Set(['clientSecret', 'botPassword']);
// aadApp/update generates this id itself when it is empty.
const GENERATED_BY = { 'aadApp/update': ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'] } as Record<string, string[]>;

function readEnvFile(path: string): Map<string, string> {
  const entries = read(path)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const eq = line.indexOf('=');
      return [line.slice(0, eq), line.slice(eq + 1)] as [string, string];
    });
  return new Map(entries);
}

const placeholders = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
const bicepOutputs = (path: string) => [...read(path).matchAll(/^output (\w+) /gm)].map((m) => m[1]);

/** Variables an action reads: in its inputs and in the files they point at (manifests, ARM parameters). */
function variablesRead(action: Action): string[] {
  const files = [action.with?.manifestPath, ...(action.with?.templates ?? []).map((t: { parameters?: string }) => t.parameters)];
  return [JSON.stringify(action.with ?? {}), ...files.filter(Boolean).map((f) => read(f))].flatMap(placeholders);
}

/** Walks the lifecycle in order: every variable must be set in the env file, asked for, or written earlier. */
function unsetVariables(project: Project, env: Map<string, string>, suppliedAtRunTime: string[]): string[] {
  const known = new Set([...[...env].filter(([, v]) => v !== '').map(([k]) => k), ...suppliedAtRunTime]);
  const missing: string[] = [];
  for (const action of [...project.provision, ...(project.deploy ?? [])]) {
    const generated = GENERATED_BY[action.uses] ?? [];
    for (const name of variablesRead(action)) {
      if (!known.has(name) && !generated.includes(name)) missing.push(`${action.uses}: ${name}`);
    }
    for (const name of [...Object.values(action.writeToEnvironmentFile ?? {}), ...generated]) known.add(name);
    if (action.uses === 'arm/deploy') {
      for (const t of action.with!.templates) bicepOutputs(t.path).forEach((name) => known.add(name));
    }
  }
  return missing;
}

function checkActions(project: Project): string[] {
  const problems: string[] = [];
  for (const action of [...project.provision, ...(project.deploy ?? [])]) {
    const required = REQUIRED_INPUTS[action.uses];
    if (!required) {
      problems.push(`unexpected action ${action.uses}`);
      continue;
    }
    for (const input of required) if (action.with?.[input] === undefined) problems.push(`${action.uses}: missing input ${input}`);
    for (const output of REQUIRED_OUTPUTS[action.uses] ?? []) {
      const name = action.writeToEnvironmentFile?.[output];
      if (!name) problems.push(`${action.uses}: missing output ${output}`);
      else if (SECRET_OUTPUTS.has(output) !== name.startsWith('SECRET_')) problems.push(`${action.uses}: ${output} → ${name}`);
    }
  }
  return problems;
}

const isInOrder = (actual: string[], expected: string[]) => {
  let at = 0;
  for (const uses of actual) if (uses === expected[at]) at++;
  return at === expected.length;
};

describe('teamsapp.yml (Azure)', () => {
  const project: Project = parseYaml(read('teamsapp.yml'));

  it('provisions the Entra app, Teams app, bot and Azure resources, then packages; deploy builds and zip-deploys', () => {
    expect(Number(project.version.replace(/^v/, ''))).toBeGreaterThanOrEqual(1.5);
    const provision = project.provision.map((a) => a.uses);
    expect(isInOrder(provision, ['aadApp/create', 'botAadApp/create', 'arm/deploy', 'aadApp/update'])).toBe(true);
    expect(isInOrder(provision, ['teamsApp/create', 'teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/update'])).toBe(true);
    expect(project.deploy!.map((a) => a.uses)).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
    expect(project.provision.find((a) => a.uses === 'aadApp/create')!.writeToEnvironmentFile!.clientId).toBe('BOT_ID');
    expect(checkActions(project)).toEqual([]);
  });

  it('never reads a variable that is still empty at that step', () => {
    expect(unsetVariables(project, readEnvFile('env/.env.dev'), ['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'])).toEqual([]);
  });

  it('passes every bicep parameter without a default, and only declared ones', () => {
    const bicep = read('infra/azure.bicep');
    const declared = [...bicep.matchAll(/^param (\w+) \w+( = .*)?$/gm)].map((m) => ({ name: m[1], hasDefault: !!m[2] }));
    const passed = Object.keys(JSON.parse(read('infra/azure.parameters.json')).parameters);
    expect(passed.filter((name) => !declared.some((d) => d.name === name))).toEqual([]);
    expect(declared.filter((d) => !d.hasDefault && !passed.includes(d.name)).map((d) => d.name)).toEqual([]);
  });

  it('configures the web app for production mode and the Azure Bot with an Entra ID v2 sign-in connection', () => {
    const bicep = read('infra/azure.bicep');
    const settings = [...bicep.matchAll(/name: '([A-Z_]+)'\s+value:/g)].map((m) => m[1]);
    expect(settings).toEqual(
      expect.arrayContaining(['BOT_ID', 'BOT_PASSWORD', 'BOT_TENANT_ID', 'BOT_TYPE', 'OAUTH_CONNECTION_NAME', 'STORAGE_CONNECTION_STRING', 'STORAGE_CONTAINER']),
    );
    expect(bicep).toContain("linuxFxVersion: 'NODE|20-lts'");
    expect(bicep).toContain("msaAppType: 'SingleTenant'");
    expect(bicep).toContain("serviceProviderId: '30dd229c-58e3-4a48-bdfd-91ec48eb906c'");
    expect(bicep).toMatch(/key: 'tokenExchangeUrl'\s+value: applicationIdUri/);
    expect(bicep).toContain("var applicationIdUri = 'api://botid-${botAadAppClientId}'");
  });
});

describe('teamsapp.local.yml', () => {
  const project: Project = parseYaml(read('teamsapp.local.yml'));

  it('registers the bot on the dev tunnel endpoint and writes its runtime settings to .localConfigs', () => {
    expect(checkActions(project)).toEqual([]);
    const registration = project.provision.find((a) => a.uses === 'botFramework/create')!;
    expect(registration.with!.messagingEndpoint).toBe('${{BOT_ENDPOINT}}/api/messages');
    const settings = project.deploy!.find((a) => a.uses === 'file/createOrUpdateEnvironmentFile')!.with!;
    expect(settings.target).toBe('./.localConfigs');
    expect(Object.keys(settings.envs)).toEqual(expect.arrayContaining(['BOT_ID', 'BOT_PASSWORD', 'BOT_TENANT_ID', 'BOT_TYPE', 'OAUTH_CONNECTION_NAME']));
    expect(read('.gitignore').split('\n')).toEqual(expect.arrayContaining(['/.localConfigs', 'env/.env.*.user']));
  });

  it('never reads a variable that is still empty at that step', () => {
    expect(unsetVariables(project, readEnvFile('env/.env.local'), ['BOT_ENDPOINT', 'BOT_DOMAIN'])).toEqual([]);
  });
});

describe('committed environment files and the Entra app manifest', () => {
  it.each(['env/.env.dev', 'env/.env.local'])('%s holds no secrets', (path) => {
    const keys = [...readEnvFile(path).keys()];
    expect(keys.filter((k) => k.startsWith('SECRET_') || /PASSWORD|CONNECTION_STRING/.test(k))).toEqual([]);
  });

  it('asks for exactly the Graph permissions the bot uses: delegated for admins, read-only application ones for alerts', () => {
    const aad = JSON.parse(read('aad.manifest.json'));
    const graph = aad.requiredResourceAccess.find((r: { resourceAppId: string }) => r.resourceAppId === 'Microsoft Graph');
    const ofType = (type: string) => graph.resourceAccess.filter((p: { type: string }) => p.type === type).map((p: { id: string }) => p.id).sort();
    expect(ofType('Scope')).toEqual(
      [
        'AppRoleAssignment.ReadWrite.All',
        'Application.Read.All',
        'AuditLog.Read.All',
        'Directory.Read.All',
        'GroupMember.Read.All',
        'Synchronization.ReadWrite.All',
        'User.Read.All',
      ].sort(),
    );
    // The alert poller runs with no admin present: it may only read.
    expect(ofType('Role')).toEqual(['Application.Read.All', 'AuditLog.Read.All', 'Synchronization.Read.All']);
    expect(graph.resourceAccess).toHaveLength(10);
    expect(aad.signInAudience).toBe('AzureADMyOrg');
    expect(aad.oauth2Permissions.map((p: { value: string }) => p.value)).toEqual(['access_as_user']);
    expect(aad.replyUrlsWithType).toContainEqual({ url: 'https://token.botframework.com/.auth/web/redirect', type: 'Web' });
  });
});
