// What the bot can do, with example questions an admin can click to ask. A click sends the question as the
// admin's own message (Teams' imBack), so the answer comes as a new message and the help card stays for
// everyone else in the chat.
import { clip, expandFitting, type Rendered } from './template';

const INTRO =
  'I read your Microsoft Entra app provisioning jobs, logs and assignments, explain what went wrong with the evidence, and offer buttons that fix it.';

// One per topic of the vocabulary except help itself.
const TOPICS: Array<{ title: string; description: string; example: string }> = [
  {
    title: 'Quarantine',
    description: 'Whether an app’s provisioning is in quarantine, why, and how to get it out.',
    example: 'Is ServiceNow provisioning in quarantine?',
  },
  {
    title: 'Current status',
    description: 'How provisioning to an app is doing: the last cycle, its errors and progress.',
    example: 'What is the provisioning status of Salesforce?',
  },
  {
    title: 'Credentials and test connection',
    description: 'Whether the admin credentials for the target app still work.',
    example: 'Test the connection to ServiceNow',
  },
  {
    title: 'Provisioning doesn’t start',
    description: 'Why an app’s provisioning never ran or stopped running.',
    example: 'Why doesn’t provisioning start for Slack?',
  },
  {
    title: 'Users skipped or not provisioned',
    description: 'Why a user or group was skipped: scoping, assignment, attributes or errors.',
    example: 'Why was jane skipped in Salesforce?',
  },
];

/** What is not a question about one subject: commands, each with how to say it. */
const COMMANDS: Array<{ title: string; description: string }> = [
  {
    title: 'Alerts',
    description: '“alerts on” in a channel or chat (or “alerts on Slack”) posts a card when provisioning breaks; “alerts” lists them, “alerts off” stops, “mute Slack alerts for a day” silences one app.',
  },
  { title: 'Audit', description: '“audit” or “who restarted Salesforce?” lists the actions taken through me: who, when, the result.' },
  {
    title: 'How to ask',
    description:
      'Names in any order, typos and all (“Slack skipped jane?”). Commands (“pause zoom”, “restart slack”) end at a confirmation. Follow-ups use your last question here: “and in Zoom?”, “what about tomas?”, “why?”, “more details”, “try again”, “how do I fix it?”, “fix it”, “the other one”. When I don’t understand, I say so and offer the closest questions.',
  },
  { title: 'Buttons', description: 'The buttons under an answer fix the cause; each asks you to confirm first, except Test connection.' },
];

/** One button each; more would bury the card. */
const MAX_EXAMPLES = 6;
const EXAMPLE_CHARS = 300;

export interface HelpOptions {
  /** Questions to offer as buttons instead of the built-in one per topic. */
  examples?: string[];
}

function exampleQuestions(opts: HelpOptions | undefined): string[] {
  const given = Array.isArray(opts?.examples)
    ? opts.examples.filter((e): e is string => typeof e === 'string' && e.trim() !== '')
    : [];
  const questions = given.length > 0 ? given : TOPICS.map((t) => t.example);
  return questions.slice(0, MAX_EXAMPLES).map((q) => clip(q.trim(), EXAMPLE_CHARS));
}

/** The help card depends only on its examples (one set per tenant): bound once each. Cards are never changed after rendering. */
const helpCards = new Map<string, Rendered>();

export function renderHelp(opts?: HelpOptions): Rendered {
  const examples = exampleQuestions(opts);
  const key = JSON.stringify(examples);
  let rendered = helpCards.get(key);
  if (!rendered) {
    if (helpCards.size >= 100) helpCards.clear();
    helpCards.set(key, (rendered = bindHelp(examples)));
  }
  return rendered;
}

function bindHelp(examples: readonly string[]): Rendered {
  const view = {
    intro: INTRO,
    topics: TOPICS.map(({ title, description }) => ({ title, description })),
    commands: COMMANDS,
    examples: examples.map((text) => ({ title: text, data: { msteams: { type: 'imBack', value: text } } })),
  };
  const text = [
    INTRO,
    'Ask me about:',
    ...TOPICS.map((t) => `• ${t.title}: ${t.description}`),
    ...COMMANDS.map((c) => `• ${c.title}: ${c.description}`),
    'For example:',
    ...examples.map((q) => `• ${q}`),
  ].join('\n');
  return { card: expandFitting('help', [view]), text };
}
