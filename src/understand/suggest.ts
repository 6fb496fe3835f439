// The closest questions the bot can answer, built from the words and names of a message it did not
// understand: they become the buttons of the "I didn't understand" card, so each must be understood itself.
import { foldText } from './fuzzy';
import { cleanUtterance } from './normalize';
import { findAppNames } from './tenantNames';

const PERSON_WORDS = /\b(?:user|users|person|people|account|accounts|member|members|employee|employees|he|she|they|him|her|someone|joiner|joiners|hire|hires|matching|attribute|attributes|mapping|mappings|scope|scoping|assigned|assignment)\b/;
const FAILURE_WORDS = /\b(?:error|errors|fail|failed|failing|failure|failures|broken|wrong|issue|issues|problem|problems|down)\b/;
const CONNECTION_WORDS = /\b(?:connect|connection|credential|credentials|token|secret|password|login|auth|url)\b/;
const RUN_WORDS = /\b(?:run|running|ran|start|started|cycle|cycles|schedule|scheduled|stuck|slow|paused|interval)\b/;

/** Two or three questions close to `text`: about the app it names, else about every app. */
export function closestQuestions(text: string, appNames: readonly string[]): string[] {
  const clean = cleanUtterance(text);
  const words = foldText(clean);
  const app = findAppNames(clean, { apps: appNames }).find((h) => h.names.length === 1)?.names[0];
  if (!app) {
    const generic = ['How are my apps doing?', 'Is anything in quarantine?'];
    if (appNames.length) generic.push(`How is ${appNames[0]} doing?`);
    return generic;
  }
  const ranked: string[] = [];
  if (PERSON_WORDS.test(words)) ranked.push(`Who was skipped in ${app}?`);
  if (CONNECTION_WORDS.test(words)) ranked.push(`Test the connection to ${app}`);
  if (RUN_WORDS.test(words)) ranked.push(`Why doesn't ${app} provisioning start?`);
  if (FAILURE_WORDS.test(words)) ranked.push(`Is ${app} in quarantine?`);
  ranked.push(`How is ${app} doing?`, `Is ${app} in quarantine?`, `Who was skipped in ${app}?`);
  return [...new Set(ranked)].slice(0, 3);
}
