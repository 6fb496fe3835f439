// Remedies for one user or group in one app: re-assign (remove the assignment and add it back with the same
// app role, which repairs "not effectively entitled") and provision on demand.
import { describeOnDemand, readOnDemandResult } from './readOnDemandResult';
import type { OutcomeStep } from '../domain/remediationViews';
import type { AppEvidence, Fact } from '../domain/types';
import { BotError } from '../errors';
import { readAssignments } from '../gather/gatherPrincipal';
import { appRoleAssignedToPath, isAssignmentId, appRoleAssignmentPath, groupMembersPath, jobActionPath, jobSchemaPath, principalPath } from '../graph/endpoints';
import type { AppRoleAssignment, GraphUser, SynchronizationSchema } from '../graph/types';
import { loadApp } from '../resolve/findApp';
import { cancelButton, confirmButton, remedyButton } from './buttons';
import { OUTCOME_UNKNOWN, type Execution, type Inspection, type RemedyContext, type RemedyHandler, type Verification } from './remedyTypes';
import { readBack } from './verify';

/** Graph's assignment ids are not GUIDs (43 url-safe characters); anything else never reaches a URL. */
const DEFAULT_ACCESS = '00000000-0000-0000-0000-000000000000';

interface Subject {
  kind: 'user' | 'group';
  id: string;
  displayName: string;
}

async function readSubject(ctx: RemedyContext): Promise<Subject> {
  const { userId, groupId } = ctx.request;
  const kind = userId ? 'user' : 'group';
  const id = (userId ?? groupId)!;
  // Graph refuses a $select of a property the type lacks: groups have no userPrincipalName.
  const object = await ctx.gateway.get<GraphUser>(principalPath(kind, id), {
    select: kind === 'user' ? ['id', 'displayName', 'userPrincipalName'] : ['id', 'displayName'],
  });
  return { kind, id, displayName: object.displayName ?? object.userPrincipalName ?? id };
}

function roleName(app: AppEvidence, appRoleId: string): string {
  if (appRoleId === DEFAULT_ACCESS) return 'Default Access';
  return app.servicePrincipal.appRoles?.find((r) => r.id === appRoleId)?.displayName ?? appRoleId;
}

interface ReassignDetails {
  subject: Subject;
  assignment: AppRoleAssignment;
  /** Set when the subject is assigned only through this group: the group's assignment is re-done. */
  group?: { id: string; displayName: string; members?: number };
  /** The removal already happened (a half-done re-assignment): only add the role back. */
  addBack?: boolean;
}

/** The subject's (or its group's) assignments to the app, as Graph has them now. */
async function assignmentsNow(ctx: RemedyContext, details: ReassignDetails): Promise<AppRoleAssignment[]> {
  const principal = details.group ? { kind: 'group' as const, id: details.group.id } : details.subject;
  const all = await readAssignments(ctx.gateway, principal, async () => [ctx.request.spId]);
  return all.filter((a) => a.resourceId.toLowerCase() === ctx.request.spId && a.principalId.toLowerCase() === details.assignment.principalId.toLowerCase());
}

function againButton(inspection: Inspection, details: ReassignDetails) {
  const who = details.group?.displayName ?? details.subject.displayName;
  const principal = details.group ? { groupId: details.group.id } : { userId: details.subject.id };
  return remedyButton('reassignUser', `Re-assign ${who} again`, inspection.app.app, { ...principal, appRoleId: details.assignment.appRoleId });
}

async function countMembers(ctx: RemedyContext, groupId: string): Promise<number | undefined> {
  try {
    return (await ctx.gateway.list<{ id: string }>(groupMembersPath(groupId), { select: ['id'] }, 100_000)).length;
  } catch {
    return undefined;
  }
}

export const reassignUser: RemedyHandler = {
  needsConfirmation: true,
  async inspect(ctx) {
    const [app, subject] = await Promise.all([loadApp(ctx.gateway, ctx.request.spId, ctx.request.jobId), readSubject(ctx)]);
    const assignments = (await readAssignments(ctx.gateway, subject, async () => [app.app.spId])).filter(
      (a) => a.resourceId.toLowerCase() === app.app.spId.toLowerCase(),
    );
    // A direct assignment is the one to repair; otherwise the group that grants the access.
    const assignment = assignments.find((a) => a.principalId.toLowerCase() === subject.id) ?? assignments[0];
    const current: Fact[] = assignment
      ? [{ label: 'Assignment', value: `${assignment.principalDisplayName ?? assignment.principalId} → ${roleName(app, assignment.appRoleId)}` }]
      : [{ label: 'Assignment', value: `none to ${app.app.displayName}` }];
    // "Re-assign again" after a half-done re-assignment: the subject (a user, or the group) gets the role back.
    const appRoleId = ctx.request.appRoleId;
    if (appRoleId) {
      const held = assignments.find((a) => a.principalId.toLowerCase() === subject.id && a.appRoleId.toLowerCase() === appRoleId);
      if (held) return { app, current, stale: `${subject.displayName} is assigned to ${app.app.displayName} with that role again: nothing to add back.` };
      const details: ReassignDetails = { subject, assignment: { id: '', principalId: subject.id, resourceId: app.app.spId, appRoleId }, addBack: true };
      return { app, current: [{ label: 'Assignment', value: `${subject.displayName}: none with that role` }], details: details as unknown as Record<string, unknown> };
    }
    if (!assignment) return { app, current, stale: `${subject.displayName} is no longer assigned to ${app.app.displayName}, so there is nothing to re-assign.` };
    const seen = ctx.request.seenState;
    const stale = seen && isAssignmentId(seen) && !assignments.some((a) => a.id === seen) ? `${subject.displayName}'s assignment to ${app.app.displayName} changed since this card was made.` : undefined;
    const viaGroup = assignment.principalId.toLowerCase() !== subject.id;
    const details: ReassignDetails = {
      subject,
      assignment,
      group: viaGroup ? { id: assignment.principalId, displayName: assignment.principalDisplayName ?? assignment.principalId, members: await countMembers(ctx, assignment.principalId) } : undefined,
    };
    return { app, current, stale, details: details as unknown as Record<string, unknown> };
  },
  confirmation(ctx, inspection) {
    const { subject, assignment, group, addBack } = inspection.details as unknown as ReassignDetails;
    const app = inspection.app.app.displayName;
    const role = roleName(inspection.app, assignment.appRoleId);
    if (addBack) {
      return {
        title: `Assign ${subject.displayName} to ${app} again?`,
        subject: `${subject.displayName} in ${app}`,
        whatHappens: [`Add ${subject.displayName}'s assignment to ${app} back, with the role ${role}.`],
        impact: [{ label: 'App role', value: role }, ...inspection.current],
        confirm: confirmButton(ctx.request, `Assign ${subject.displayName}`, { seenState: 'unassigned' }),
        cancel: cancelButton(ctx.request),
      };
    }
    const impact: Fact[] = [
      { label: 'App role', value: role },
      ...(assignment.createdDateTime ? [{ label: 'Assigned since', value: assignment.createdDateTime.slice(0, 10) }] : []),
    ];
    if (group) {
      const members = group.members === undefined ? 'every member' : `${group.members} member${group.members === 1 ? '' : 's'}`;
      return {
        title: `Re-assign the group ${group.displayName} to ${app}?`,
        subject: `${subject.displayName} in ${app}, through ${group.displayName}`,
        whatHappens: [
          `${subject.displayName} gets access to ${app} through the group ${group.displayName}, not directly, so the group's assignment is what needs repairing.`,
          `Remove ${group.displayName}'s assignment (role ${role}) and add it back at once with the same role.`,
        ],
        impact: [...impact, { label: 'Members affected', value: `${members} (direct members only: nested groups do not count)` }],
        warning: `For a moment ${members} of ${group.displayName} are not assigned to ${app}. A provisioning cycle running at that instant could disable their accounts until the next cycle.`,
        confirm: confirmButton(ctx.request, `Re-assign ${group.displayName}`, { seenState: assignment.id }, true),
        cancel: cancelButton(ctx.request),
      };
    }
    return {
      title: `Re-assign ${subject.displayName} to ${app}?`,
      subject: `${subject.displayName} in ${app}`,
      whatHappens: [
        `Remove ${subject.displayName}'s assignment to ${app} (role ${role}).`,
        'Add it back at once with the same role: this repairs an assignment the provisioning service does not count ("not effectively entitled").',
        'Then provision on demand (offered when done); the new assignment can take a few minutes to replicate.',
      ],
      impact,
      warning: `For a moment ${subject.displayName} is not assigned; a provisioning cycle running at that instant could disable the account until the next cycle.`,
      confirm: confirmButton(ctx.request, `Re-assign ${subject.displayName}`, { seenState: assignment.id }),
      cancel: cancelButton(ctx.request),
    };
  },
  async execute(ctx, inspection) {
    const details = inspection.details as unknown as ReassignDetails;
    const { subject, assignment, group } = details;
    const base = appRoleAssignedToPath(ctx.request.spId);
    const who = group?.displayName ?? subject.displayName;
    const appName = inspection.app.app.displayName;
    const role = roleName(inspection.app, assignment.appRoleId);
    const removeStep = `Remove ${who}'s assignment (${role})`;
    const addStep = `Add it back (${role})`;
    const steps: OutcomeStep[] = [];
    const again = againButton(inspection, details);
    if (!details.addBack) {
      try {
        await ctx.gateway.write('DELETE', appRoleAssignmentPath(ctx.request.spId, assignment.id));
      } catch (error) {
        // A DELETE Graph carried out but answered late is retried, and the retry finds nothing: it is removed.
        const gone = error instanceof BotError && error.code === 'graph-not-found';
        if (!gone && !(error instanceof BotError && OUTCOME_UNKNOWN.has(error.code))) throw error;
        if (!gone) {
          const now = await readBack(async () => verification(await assignmentsNow(ctx, details), details, appName, role));
          if (!now) return { result: 'unknown', title: `Re-assigning ${who}: I could not confirm the removal`, summary: `Microsoft Graph did not confirm the removal, and reading ${who}'s assignment again failed too. Outcome unknown: check ${who}'s assignment to ${appName} in the admin center.`, changes: [], steps: [{ name: removeStep, status: 'Unknown' }], next: [again] };
          if (now.applied === undefined) {
            return { result: 'no-change', title: `${who} was not re-assigned: the removal did not go through`, summary: `Microsoft Graph did not confirm the removal; reading it again shows ${who} still assigned, unchanged (outcome unknown → verified as not removed).`, changes: now.current, steps: [{ name: removeStep, status: 'Failure' }] };
          }
        }
      }
      steps.push({ name: removeStep, status: 'Success' });
    }
    const add = { principalId: assignment.principalId, resourceId: ctx.request.spId, appRoleId: assignment.appRoleId };
    let added: { body: AppRoleAssignment; requestId?: string };
    try {
      added = await ctx.gateway.write<AppRoleAssignment>('POST', base, add);
    } catch (error) {
      // Likewise a retried POST can find the assignment it already made.
      if (isAlreadyAssigned(error)) added = { body: { ...assignment, id: '(already back)' } };
      else if (error instanceof BotError && OUTCOME_UNKNOWN.has(error.code)) {
        const now = await readBack(async () => verification(await assignmentsNow(ctx, details), details, appName, role));
        if (now?.applied) added = { body: { ...assignment, id: '(verified in place)' } };
        else {
          const verified = now ? `verified as: ${now.state}` : 'reading it again failed too, so it is still unknown';
          return {
            result: now ? 'failed' : 'unknown',
            title: now ? `${who} is now unassigned from ${appName}` : `${who}'s assignment was removed; adding it back is not confirmed`,
            summary: `The removal went through, but Microsoft Graph did not confirm adding the assignment back (outcome unknown → ${verified}). Re-assign again now.`,
            changes: [{ label: 'To add back', value: `${who} (${assignment.principalId}) with role ${role} (${assignment.appRoleId})` }, ...(now?.current ?? [])],
            steps: [...steps, { name: addStep, status: now ? 'Failure' : 'Unknown' }],
            next: [again],
          };
        }
      } else return { ...failedToAddBack(error, who, role, appName, assignment), steps: [...steps, { name: addStep, status: 'Failure' }], next: [again] };
    }
    steps.push({ name: addStep, status: 'Success' });
    return {
      result: 'succeeded',
      title: `${who} re-assigned to ${appName}`,
      summary: details.addBack
        ? 'The assignment is back with the same role. Give it a few minutes to replicate, then provision on demand.'
        : 'The assignment was removed and added back with the same role. Give it a few minutes to replicate, then provision on demand.',
      changes: [
        ...(details.addBack ? [] : [{ label: 'Removed', value: `assignment ${assignment.id} (${role})` }]),
        { label: 'Added', value: `assignment ${added.body?.id ?? '(new)'} (${role})` },
      ],
      requestId: added.requestId,
      steps,
      next:
        subject.kind === 'user'
          ? [remedyButton('provisionOnDemand', `Provision ${subject.displayName} now`, inspection.app.app, { userId: subject.id })]
          : [],
    };
  },
  async verify(ctx, before) {
    const details = before?.details as unknown as ReassignDetails | undefined;
    if (!details) {
      const inspection = await reassignUser.inspect(ctx);
      return { applied: undefined, state: inspection.current.map((f) => `${f.label}: ${f.value}`).join('; '), current: inspection.current };
    }
    const appName = before!.app.app.displayName;
    const v = verification(await assignmentsNow(ctx, details), details, appName, roleName(before!.app, details.assignment.appRoleId));
    return v.applied === false ? { ...v, next: [againButton(before!, details)] } : v;
  },
};

/** Whether the subject holds the role again, from its assignments as Graph has them now. */
function verification(now: AppRoleAssignment[], details: ReassignDetails, appName: string, role: string): Verification {
  const who = details.group?.displayName ?? details.subject.displayName;
  const held = now.find((a) => a.appRoleId === details.assignment.appRoleId);
  const current = [{ label: 'Assignment', value: held ? `${who} → ${role} (assignment ${held.id})` : `none to ${appName}` }];
  if (!held) return { applied: false, state: `${who} is now unassigned from ${appName}`, current };
  // The old assignment still there means nothing was removed; a new one means the re-assignment is complete.
  return held.id === details.assignment.id
    ? { applied: undefined, state: `${who} still holds the original assignment: nothing was removed`, current }
    : { applied: true, state: `${who} is assigned again with the role ${role}`, current };
}

function isAlreadyAssigned(error: unknown): boolean {
  return error instanceof BotError && (error.code === 'graph-conflict' || (error.code === 'graph-bad-request' && /already exists/i.test(String(error.details.graphMessage))));
}

/** Nothing may be lost: say exactly what to add back by hand. */
function failedToAddBack(error: unknown, who: string, role: string, appName: string, assignment: AppRoleAssignment): Execution {
  return {
    result: 'failed',
    title: `${who}'s assignment was removed, but adding it back failed`,
    summary: `${error instanceof BotError ? error.message : 'Microsoft Graph refused it.'} Add it back now: Enterprise applications → ${appName} → Users and groups → Add user/group → ${who}, role ${role}.`,
    changes: [
      { label: 'Removed', value: `${who} → ${role}` },
      { label: 'To add back', value: `${who} (${assignment.principalId}) with role ${role} (${assignment.appRoleId})` },
    ],
  };
}

/** The rule that provisions users (or groups) in the job's schema. */
function ruleFor(schema: SynchronizationSchema | undefined, kind: 'user' | 'group'): { id: string; name: string } | undefined {
  const wanted = kind === 'user' ? 'user' : 'group';
  const rule = schema?.synchronizationRules?.find((r) => r.objectMappings?.some((m) => String(m.sourceObjectName).toLowerCase() === wanted && m.enabled !== false));
  return rule ? { id: rule.id, name: rule.name ?? rule.id } : undefined;
}

export const provisionOnDemand: RemedyHandler = {
  needsConfirmation: true,
  async inspect(ctx) {
    const [app, subject, schema] = await Promise.all([
      loadApp(ctx.gateway, ctx.request.spId, ctx.request.jobId),
      readSubject(ctx),
      ctx.gateway.get<SynchronizationSchema>(jobSchemaPath(ctx.request.spId, ctx.request.jobId)),
    ]);
    const rule = ruleFor(schema, subject.kind);
    return {
      app,
      current: [{ label: 'Provisioning rule', value: rule?.name ?? 'none for this kind of object' }],
      stale: rule ? undefined : `${app.app.displayName}'s provisioning has no rule for ${subject.kind}s, so ${subject.displayName} cannot be provisioned on demand.`,
      details: { subject, rule },
    };
  },
  confirmation(ctx, inspection) {
    const { subject } = inspection.details as { subject: Subject };
    const app = inspection.app.app.displayName;
    return {
      title: `Provision ${subject.displayName} to ${app} now?`,
      subject: `${subject.displayName} in ${app}`,
      whatHappens: [
        `Run one provisioning cycle for ${subject.displayName} alone, now: import from Microsoft Entra ID, check scope, match an account in ${app}, then create or update it.`,
        'It never provisions someone a regular cycle would not: if the cause is not fixed, it shows why it skips.',
      ],
      impact: inspection.current,
      confirm: confirmButton(ctx.request, `Provision ${subject.displayName}`),
      cancel: cancelButton(ctx.request),
    };
  },
  async execute(ctx, inspection) {
    const { subject, rule } = inspection.details as { subject: Subject; rule: { id: string } };
    const { body, requestId } = await ctx.gateway.write('POST', jobActionPath(ctx.request.spId, ctx.request.jobId, 'provisionOnDemand'), {
      parameters: [{ ruleId: rule.id, subjects: [{ objectId: subject.id, objectTypeName: subject.kind === 'user' ? 'User' : 'Group' }] }],
    });
    const outcome = readOnDemandResult(body);
    return {
      ...describeOnDemand(outcome, subject.displayName, inspection.app.app.displayName),
      changes: [{ label: 'Result', value: outcome.code ? `${outcome.result} (${outcome.code})` : outcome.result }],
      steps: outcome.steps,
      requestId,
    };
  },
  // Its effect is in the target system, which Graph cannot read back: the provisioning logs tell.
  async verify(ctx) {
    const subject = await readSubject(ctx);
    return { applied: undefined, state: `the result for ${subject.displayName} is in the provisioning logs: ask me "why was ${subject.displayName} skipped?"`, current: [] };
  },
};

