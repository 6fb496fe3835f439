// "why is jane's job title wrong in Salesforce?", "what does Salesforce get as the user name?", "what's the
// matching attribute for Salesforce?", "show me the scoping filter for Salesforce": the app's schema read as a
// table, and for one person the real cause of a value: the mapping reads another source attribute, an
// expression transforms it, the mapping applies only when the account is created, the change is not exported
// yet, or the target rejected it. Pure: evidence in, a view out.
import type { AppEvidence, AppRef, Fact, PrincipalRef, Remedy, Severity } from '../domain/types';
import type { AttributeMapping, ObjectMapping, ProvisioningObjectSummary } from '../graph/types';
import { evaluateExpression } from './expressions';
import { remedy } from './findings';
import { describeSource, mappingForTarget, matchingMappings, objectMappingFor, sourceAttributesOf } from './mappings';
import { entryStatus, isRedundantExport, skipReason } from './readLog';
import { readSourceValues } from './sourceAttributes';
import { formatUtc, formatWhen, parseTime } from './time';

export type MappingAsk = { kind: 'attribute' | 'matching' | 'scoping'; attribute?: string; object?: 'group'; value?: string };

export interface MappingEvidence {
  now: string;
  app: AppEvidence;
  ask: MappingAsk;
  /** Set when the question names a person: their directory object and their log entries in this app, newest first. */
  person?: { ref: PrincipalRef; object: Record<string, unknown>; logs: ProvisioningObjectSummary[]; logsUnavailable?: string };
}

export interface MappingRow {
  target: string;
  source: string;
  applies: string;
  /** The row the question is about. */
  asked: boolean;
}

export interface MappingView {
  app: AppRef;
  severity: Severity;
  headline: string;
  explanation: string;
  facts: Fact[];
  /** The schema as a table: the asked rows first. */
  rows: MappingRow[];
  tableTitle: string;
  remedies: Remedy[];
  fix: string[];
  caveats: string[];
}

// What people call a target attribute, and the Entra attribute that naturally feeds it. Target names differ
// per app (SCIM "title", Salesforce "Title", ServiceNow "title"), so they are compared folded.
const ALIASES: Array<{ words: RegExp; targets: string[]; source?: string }> = [
  { words: /^(job ?title|title|position|role name)$/, targets: ['title', 'jobtitle'], source: 'jobTitle' },
  { words: /^(user ?name|login|username|user ?id|sign[- ]?in name)$/, targets: ['username', 'login', 'userprincipalname', 'name'], source: 'userPrincipalName' },
  { words: /^(e-?mail|mail|email address)$/, targets: ['emails', 'email', 'mail'], source: 'mail' },
  { words: /^(display ?name|full name)$/, targets: ['displayname', 'name.formatted'], source: 'displayName' },
  { words: /^(first ?name|given ?name)$/, targets: ['name.givenname', 'givenname', 'firstname'], source: 'givenName' },
  { words: /^(last ?name|surname|family ?name)$/, targets: ['name.familyname', 'surname', 'lastname'], source: 'surname' },
  { words: /^(department|dept)$/, targets: ['department'], source: 'department' },
  { words: /^(phone|phone number|telephone)$/, targets: ['phonenumbers', 'phone'], source: 'telephoneNumber' },
];

const fold = (s: string) => s.toLowerCase().replace(/[^a-z0-9.]/g, '');

/** The mapping a typed attribute means, and the Entra attribute that would naturally feed it. */
function findMapping(objectMapping: ObjectMapping | undefined, typed: string): { mapping?: AttributeMapping; natural?: string } {
  const words = typed.trim().toLowerCase();
  // No attribute named: the whole mapping is the answer, not its first row.
  if (!words) return {};
  const alias = ALIASES.find((a) => a.words.test(words));
  const all = (objectMapping?.attributeMappings ?? []).filter((m) => m?.targetAttributeName);
  for (const target of alias?.targets ?? []) {
    const found = all.find((m) => fold(m.targetAttributeName).replace(/\[.*$/, '') === target) ?? mappingForTarget(objectMapping, target);
    if (found) return { mapping: found, natural: alias?.source };
  }
  const byName = mappingForTarget(objectMapping, typed.replace(/\s+/g, '')) ?? all.find((m) => fold(m.targetAttributeName).includes(fold(typed)));
  return { mapping: byName, natural: alias?.source };
}

/** "Always", "Only during object creation": the portal's words for flowType. */
function applies(m: AttributeMapping): string {
  const type = String(m.flowType ?? 'Always');
  if (/^objectaddonly$/i.test(type)) return 'Only during object creation';
  if (/addonly$/i.test(type)) return 'Only when the target is empty';
  return 'Always';
}

function sourceText(m: AttributeMapping): string {
  const base = m.source?.type?.toLowerCase() === 'function' && m.source.expression ? m.source.expression : describeSource(m).replace(/^source attribute /, '');
  return m.defaultValue ? `${base} (default '${m.defaultValue}')` : base;
}

function row(m: AttributeMapping, asked: boolean): MappingRow {
  const matching = typeof m.matchingPriority === 'number' && m.matchingPriority > 0 ? ` · matching #${m.matchingPriority}` : '';
  return { target: m.targetAttributeName, source: sourceText(m), applies: `${applies(m)}${matching}`, asked };
}

function tableOf(objectMapping: ObjectMapping | undefined, asked: AttributeMapping[]): MappingRow[] {
  const rest = (objectMapping?.attributeMappings ?? []).filter((m) => m?.targetAttributeName && !asked.includes(m));
  return [...asked.map((m) => row(m, true)), ...rest.map((m) => row(m, false))];
}

/** What the mapping gives for this person: the source value, the expression's result, the constant. */
/** The mapping whose value for this person is the one they were seen with (case and spacing aside). */
function mappingGiving(om: ObjectMapping | undefined, object: Record<string, unknown>, seen: string): AttributeMapping | undefined {
  const fold = (v: string) => v.toLowerCase().replace(/\s+/g, ' ').trim();
  return (om?.attributeMappings ?? []).find((m) => {
    const computed = m?.targetAttributeName ? valueFor(m, object) : undefined;
    return computed && 'value' in computed && computed.value !== null && fold(computed.value) === fold(seen);
  });
}

function valueFor(m: AttributeMapping, object: Record<string, unknown>): { value: string | null; how: string } | { unknown: string } {
  const source = m.source;
  const type = String(source?.type ?? '').toLowerCase();
  const read = (name: string) => {
    const v = readSourceValues(object, name);
    return 'values' in v ? v.values.map(String) : null;
  };
  if (type === 'constant') return { value: source?.name ?? source?.expression ?? null, how: 'a constant' };
  if (type === 'attribute' && source?.name) {
    const v = read(source.name);
    return { value: v?.length ? v.join(', ') : (m.defaultValue ?? null), how: `source attribute ${source.name}` };
  }
  const expression = source?.expression ?? '';
  const result = evaluateExpression(expression, (name) => {
    const v = read(name);
    return v && v.length > 1 ? v : (v?.[0] ?? null);
  });
  if (!result.ok) return { unknown: `the expression ${expression} could not be worked out here: ${result.reason}` };
  return { value: result.value ?? m.defaultValue ?? null, how: `the expression ${expression}` };
}

/** " (expected around 2026-11-20 12:02 UTC)": the last cycle's end plus the schedule's interval, for an active job. */
function nextCycle(app: AppEvidence): string {
  const job = app.job;
  const interval = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(String(job.schedule?.interval ?? ''));
  const ended = parseTime(job.status?.lastExecution?.timeEnded);
  if (job.status?.code !== 'Active' || job.schedule?.state !== 'Active' || !interval || ended === null) return '';
  const minutes = Number(interval[1] ?? 0) * 60 + Number(interval[2] ?? 0);
  return minutes > 0 ? ` (expected around ${formatUtc(new Date(ended + minutes * 60_000).toISOString())})` : '';
}

const shown = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? 'empty' : `'${v}'`);

/** The newest log entry of this person that exported the target attribute (modifiedProperties), and the newest overall. */
function lastExport(logs: ProvisioningObjectSummary[], target: string) {
  const t = fold(target);
  for (const entry of logs) {
    const prop = (entry.modifiedProperties ?? []).find((p) => p?.displayName && fold(p.displayName) === t);
    if (prop) return { entry, prop };
  }
  return undefined;
}

function explainPerson(e: MappingEvidence, m: AttributeMapping, natural: string | undefined): Omit<MappingView, 'app' | 'rows' | 'tableTitle' | 'caveats'> {
  const person = e.person!;
  const who = person.ref.displayName;
  const app = e.app.app;
  const name = app.displayName;
  const target = m.targetAttributeName;
  const facts: Fact[] = [{ label: 'Mapping', value: `${target} ← ${sourceText(m)} (${applies(m)})` }];
  const reads = sourceAttributesOf(m);
  const own = natural ? readSourceValues(person.object, natural) : undefined;
  const naturalValue = own && 'values' in own && own.values.length ? own.values.map(String).join(', ') : null;
  if (natural) facts.push({ label: `${who}'s ${natural}`, value: shown(naturalValue) });
  const computed = valueFor(m, person.object);
  if ('value' in computed && m.source?.type?.toLowerCase() === 'function') facts.push({ label: 'Expression gives', value: shown(computed.value) });
  const exported = lastExport(person.logs, target);
  if (exported) facts.push({ label: 'Last export', value: `${shown(exported.prop.newValue)} (was ${shown(exported.prop.oldValue)}), ${formatWhen(exported.entry.activityDateTime, e.now)}` });
  const newest = person.logs[0];
  const provisionNow = remedy('provisionOnDemand', `Provision ${who} now`, app, { userId: person.ref.id, seenState: e.app.job.status?.code ?? undefined });
  const fixMapping = `In the Entra admin center: ${name} → Provisioning → Mappings → the user mapping → ${target}.`;

  if (newest && /failure/i.test(String(newest.provisioningStatusInfo?.status ?? ''))) {
    const err = newest.provisioningStatusInfo?.errorInformation;
    return {
      severity: 'error',
      headline: `${name} rejected the last change to ${who}`,
      explanation: `The last export to ${name} (${formatWhen(newest.activityDateTime, e.now)}) failed: ${err?.errorCode ?? 'error'}${err?.reason ? ` — ${err.reason}` : ''}.`,
      facts,
      remedies: [provisionNow],
      fix: ['Fix what the error names in the target app or in the mapping.', `Then provision ${who} again.`],
    };
  }
  if (natural && reads.length > 0 && !reads.some((r) => r.toLowerCase() === natural.toLowerCase())) {
    const value = 'value' in computed ? computed.value : null;
    return {
      severity: 'warning',
      headline: `${name}'s ${target} comes from ${reads.join(', ')}, not ${natural}`,
      explanation: `The mapping reads ${reads.join(', ')}, so ${who} gets ${shown(value)} in ${name} whatever ${who}'s ${natural} is.`,
      facts,
      remedies: [],
      fix: [`${fixMapping} Map ${natural} instead (or change the expression).`, `Then provision ${who} now to check.`],
    };
  }
  if ('unknown' in computed) {
    return { severity: 'info', headline: `${name}'s ${target} is computed by an expression`, explanation: `The value comes from ${computed.unknown}.`, facts, remedies: [], fix: [fixMapping] };
  }
  const value = computed.value;
  if (m.source?.type?.toLowerCase() === 'function' && (!natural || value !== naturalValue)) {
    return {
      severity: 'warning',
      headline: `An expression turns ${who}'s value into ${shown(value)} for ${name}`,
      explanation: `${target} is set by ${m.source.expression}, which gives ${shown(value)} for ${who}.`,
      facts,
      remedies: [],
      fix: [`${fixMapping} Change the expression (a Switch needs a key for ${who}'s value, and keys are case-sensitive).`],
    };
  }
  if (/^objectaddonly$/i.test(String(m.flowType ?? '')) && exported?.prop.newValue !== value) {
    return {
      severity: 'warning',
      headline: `${name} sets ${target} only when the account is created`,
      explanation: `The mapping applies only during object creation, so ${who}'s later changes (${shown(value)} now) never reach ${name}.`,
      facts,
      remedies: [],
      fix: [`${fixMapping} Set "Apply this mapping" to Always, or change the value in ${name} by hand.`],
    };
  }
  // A known limit of the provisioning service: an empty (null) value is never exported, so clearing it in Entra
  // leaves the app's old value in place.
  if ((value === null || value === '') && !m.defaultValue) {
    const source = natural ?? reads.join(', ');
    return {
      severity: 'warning',
      headline: `${who} has no value for ${name}'s ${target}, and an empty value is not exported`,
      explanation: `The mapping gives an empty value for ${who}. The provisioning service does not export empty (null) attributes, so ${name} keeps ${exported?.prop.newValue ? shown(exported.prop.newValue) : 'the value it has'}.`,
      facts,
      remedies: [],
      fix: [`Fill ${who}'s ${source || 'source attribute'} in Entra, or give the mapping a default value: ${fixMapping}`, `To empty it in ${name}, clear it there by hand.`],
    };
  }
  // Skipped by the last cycle (out of scope, not entitled…): the next cycle skips them again, the value is
  // never sent until that is fixed.
  if (newest && entryStatus(newest) === 'skipped' && !isRedundantExport(newest) && (!exported || exported.prop.newValue !== value)) {
    const reason = skipReason(newest);
    return {
      severity: 'warning',
      headline: `${who} is skipped by ${name} provisioning, so ${target} is not sent`,
      explanation: `The last cycle that saw ${who} (${formatWhen(newest.activityDateTime, e.now)}) skipped them${reason ? ` (${reason})` : ''}. Until that changes, no value of theirs reaches ${name}; the mapping would give ${shown(value)}.`,
      facts,
      remedies: [],
      fix: [`Ask "why was ${who} skipped in ${name}?" for the cause and its fix.`],
    };
  }
  // No entry for them in the app at all: nothing says the next cycle takes them in (unassigned, out of scope).
  if (!newest) {
    return {
      severity: 'warning',
      headline: `No provisioning of ${who} to ${name} is on record, so ${target} has not been sent`,
      explanation: `The mapping would give ${shown(value)}, but no log entry shows ${who} in ${name}: they may not be assigned, or be out of scope, or not have been processed yet.`,
      facts,
      remedies: [],
      fix: [`Ask "why was ${who} skipped in ${name}?" for whether and when they are provisioned.`],
    };
  }
  if (!exported || exported.prop.newValue !== value) {
    return {
      severity: 'info',
      headline: `${who}'s ${target} (${shown(value)}) has not been exported to ${name} yet`,
      explanation: `The mapping gives ${shown(value)}; ${exported ? `the last export sent ${shown(exported.prop.newValue)}` : 'no export of it is in the logs'}. The next cycle${nextCycle(e.app)} picks up the change, or provision ${who} now.`,
      facts,
      remedies: [provisionNow],
      fix: [`Provision ${who} now, or wait for the next cycle.`],
    };
  }
  return {
    severity: 'ok',
    headline: `${name} gets ${shown(value)} as ${who}'s ${target}`,
    explanation: `The value comes from ${computed.how}, and the last export sent it.`,
    facts,
    remedies: [],
    fix: [`If ${name} shows something else, it was changed there: provision ${who} now to write it again.`],
  };
}

function scopingRows(om: ObjectMapping | undefined): MappingRow[] {
  return (om?.scope?.groups ?? []).flatMap((g) =>
    (g?.clauses ?? []).map((c) => ({
      target: g.name ?? 'Scoping filter',
      source: `${c.sourceOperandName} ${c.operatorName} ${(c.targetOperand?.values ?? []).map((v) => `'${v}'`).join(' or ')}`.trim(),
      applies: 'all clauses of a group must be true; any group lets a user in',
      asked: true,
    })),
  );
}

export function diagnoseMapping(e: MappingEvidence): MappingView {
  const app = e.app.app;
  const name = app.displayName;
  // The group mapping when the question is about groups, or about a group by name; the user mapping otherwise.
  const noun = e.ask.object === 'group' || e.person?.ref.kind === 'group' ? 'group' : 'user';
  const om = objectMappingFor(e.app.schema, noun === 'group' ? 'Group' : 'User');
  const caveats = e.person?.logsUnavailable ? [`The provisioning logs could not be read: ${e.person.logsUnavailable}.`] : [];
  const fix = [`In the Entra admin center: ${name} → Provisioning → Mappings.`];
  if (!om) {
    return { app, severity: 'warning', headline: `${name} has no ${noun} mapping I can read`, explanation: `The provisioning schema has no enabled mapping for ${noun}s.`, facts: [], rows: [], tableTitle: '', remedies: [], fix, caveats };
  }
  if (e.ask.kind === 'scoping') {
    const rows = scopingRows(om);
    return {
      app,
      severity: 'info',
      headline: rows.length ? `${name} provisions only ${noun}s that pass its scoping filter` : `${name} has no scoping filter on ${noun}s`,
      explanation: rows.length
        ? `${noun === 'group' ? 'Groups' : 'Users'} outside the filter are skipped (and disabled in the app if they were in scope before).`
        : `Every assigned ${noun} is in scope (or every ${noun}, with "sync all").`,
      facts: [],
      rows,
      tableTitle: 'Scoping filter',
      remedies: [],
      fix: [`In the Entra admin center: ${name} → Provisioning → Mappings → the ${noun} mapping → Source object scope.`],
      caveats,
    };
  }
  if (e.ask.kind === 'matching') {
    const matching = matchingMappings(om);
    const first = matching[0];
    return {
      app,
      severity: first ? 'info' : 'warning',
      headline: first ? `${name} matches ${noun}s on ${first.targetAttributeName} ← ${sourceText(first)}` : `${name} has no matching attribute for ${noun}s`,
      explanation: first
        ? 'An existing account in the app whose value equals this one is taken over instead of a new one being created; others are tried in order.'
        : 'Without a matching attribute, the service cannot find accounts that already exist in the app.',
      facts: [],
      rows: tableOf(om, matching),
      tableTitle: 'Attribute mappings',
      remedies: [],
      fix,
      caveats,
    };
  }
  const typed = e.ask.attribute ?? '';
  // "why does farah show up as support agent?": the mapping that gives her that value.
  const byValue = !typed && e.ask.value && e.person ? mappingGiving(om, e.person.object, e.ask.value) : undefined;
  const { mapping, natural } = byValue ? { mapping: byValue, natural: undefined } : findMapping(om, typed);
  const seen = !typed && e.ask.value && e.person ? { who: e.person.ref.displayName, value: e.ask.value } : undefined;
  if (!mapping) {
    return {
      app,
      severity: 'info',
      headline: typed ? `${name} has no mapping for “${typed}”` : seen ? `No ${name} mapping gives ${seen.who} “${seen.value}”` : `What ${name} gets from Entra`,
      explanation: typed
        ? `No target attribute of ${name}'s ${noun} mapping matches “${typed}”: ${name} does not receive it from Entra.`
        : seen
          ? `None of ${name}'s ${noun} mappings gives that value from ${seen.who}'s attributes today: it was set in ${name} itself, or by an earlier mapping or value since changed. The mapping, attribute by attribute:`
          : `${name}'s ${noun} mapping, attribute by attribute.`,
      facts: [],
      rows: tableOf(om, []),
      tableTitle: 'Attribute mappings',
      remedies: [],
      fix,
      caveats,
    };
  }
  const rows = tableOf(om, [mapping]);
  if (e.person) return { app, rows, tableTitle: 'Attribute mappings', caveats, ...explainPerson(e, mapping, natural) };
  return {
    app,
    severity: 'info',
    headline: `${name} gets ${mapping.targetAttributeName} from ${sourceText(mapping)}`,
    explanation: `${applies(mapping) === 'Always' ? 'Applied when an account is created and on every update' : applies(mapping)}${mapping.defaultValue ? `; when empty, '${mapping.defaultValue}'` : ''}.`,
    facts: [],
    rows,
    tableTitle: 'Attribute mappings',
    remedies: [],
    fix,
    caveats,
  };
}
