// "what does quarantine mean?", "what's a scoping filter", "how does provision on demand work": a term of app
// provisioning asked about by itself (no app, no person), not the state of one app. The term must be what is
// asked about: "what is in quarantine?" asks which apps are.
import type { Concept } from '../domain/types';

/** The terms, each in the words admins write it (regular-expression sources). */
const TERMS: ReadonlyArray<readonly [Concept, string]> = [
  // "what's quarantined?" and "the quarantine status" ask which apps are: only the word itself is the term.
  ['quarantine', String.raw`quarantine(?:\s+mode)?|(?:being\s+)?quarantined(?=\s+(?:mean|means)\b)`],
  ['scoping-filter', String.raw`scop(?:e|ing)\s+(?:filters?|rules?)|scoping`],
  ['provision-on-demand', String.raw`provision(?:ing)?\s+on[\s-]?demand|on[\s-]?demand\s+provisioning`],
  ['initial-cycle', String.raw`(?:initial|first|incremental)\s+(?:cycles?|syncs?|runs?)|(?:cycle|sync)\s+interval|steady\s+state`],
  ['matching-attribute', String.raw`matching\s+(?:attributes?|precedence|propert(?:y|ies))`],
  ['accidental-deletions', String.raw`accidental[\s-]+deletions?(?:\s+(?:prevention|threshold))?|(?:deletion|delete)\s+threshold|too\s*many\s*deletes`],
  ['sync-scope', String.raw`sync(?:hroni[sz]e)?\s+(?:only\s+)?(?:all|assigned)\s+users(?:\s+and\s+groups)?|assigned\s+users\s+only`],
  ['test-connection', String.raw`(?:the\s+)?test\s+connection`],
  ['escrow', String.raw`escrows?|escrowed(?:\s+(?:objects?|entries|failures))?`],
  ['not-effectively-entitled', String.raw`["']?not\s+effectively\s+entitled["']?|effectively\s+entitled`],
];

const LEAD = String.raw`^\s*(?:(?:so|hey|ok|okay|sorry|quick\s+question|dumb\s+question|noob\s+question)[\s,:-]+)*(?:(?:can|could)\s+(?:you|u)\s+)?`;
const ASKING = String.raw`what\s+(?:does|do)|whats|what'?s|what\s+(?:is|are)|explain|define|describe|(?:the\s+)?meaning\s+of|definition\s+of|tell\s+me\s+about|how\s+(?:does|do)`;
const AFTER = String.raw`(?:\s+(?:mean|means|do|does|work|works|stand\s+for|exactly|actually|really|in\s+(?:entra(?:\s+id)?|azure(?:\s+ad)?|provisioning|scim)))*`;

const ASKED: ReadonlyArray<readonly [Concept, RegExp]> = TERMS.map(([concept, term]) => [
  concept,
  new RegExp(
    String.raw`${LEAD}(?:(?:${ASKING})\s+(?:an?\s+|the\s+)?(?:${term})${AFTER}|(?:the\s+)?(?:${term})\s+(?:meaning|definition|explained|explain|explanation|means|(?:pls|please)\s+explain)(?:\s+(?:pls|please))?)\s*[?!.]*\s*$`,
    'i',
  ),
]);

/** "what's the scoping filter?" (or deletion threshold) asks for an app's own; "what's a scoping filter?" the term. */
const AN_APPS_OWN = /\bwhat(?:'?s|\s+is|\s+are)\s+the\s+(?:scop|matching|deletion\s+threshold|delete\s+threshold)/i;

/** "what's the difference between sync assigned users and all users": the term both sides are about. */
const DIFFERENCE = new RegExp(String.raw`${LEAD}(?:what(?:'?s|\s+is)\s+the\s+)?diff(?:erence)?\s+between\s+(.+)$`, 'i');

/** Asking for an explanation anywhere in the message: "… eli5", "how does it work", "what does … check". */
const EXPLAIN = /\b(?:eli5|explain|explanation|mean|means|meaning|definition|define)\b|\bhow\s+(?:does|do)\b.*\bwork\b|\bwhat\s+(?:does|do)\b.*\b(?:do|check|test|cover)\b/i;

/**
 * The term asked about, when the whole message asks what one term is. `strictOnly` where a person or "it" is in
 * the message ("why is she out of the scoping filter, explain"): then only a message that is all the term's question.
 */
export function readConcept(text: string, options: { strictOnly?: boolean } = {}): Concept | undefined {
  const strict = strictConcept(text);
  if (strict || options.strictOnly) return strict;
  // "what is the accidental deletions threshold, do any of our apps use it": the question before the comma.
  const head = text.split(/\s*(?:[,;]|\s[-–—]\s)\s*/)[0];
  if (head !== text) {
    const first = strictConcept(head);
    if (first) return first;
  }
  // "provision on demand - how does it work, any limits", "scoping filter eli5": one term, asked to explain.
  if (!EXPLAIN.test(text)) return undefined;
  const terms = TERMS.filter(([, term]) => new RegExp(String.raw`(?:^|\s|["'])(?:${term})(?=$|[\s?!.,;:"'])`, 'i').test(text)).map(([c]) => c);
  return terms.length === 1 && !(terms[0] !== 'accidental-deletions' && AN_APPS_OWN.test(text)) ? terms[0] : undefined;
}

function strictConcept(text: string): Concept | undefined {
  const between = DIFFERENCE.exec(text)?.[1];
  if (between) {
    const terms = TERMS.filter(([, term]) => new RegExp(String.raw`\b(?:${term})\b`, 'i').test(between)).map(([c]) => c);
    // "… assigned users vs all users": the two settings of the provisioning scope.
    if (!terms.length && /\b(?:all|assigned)\s+(?:users|groups)\b|\bsync\s+all\b|\bassigned\s+only\b/i.test(between)) return 'sync-scope';
    return terms.length === 1 ? terms[0] : undefined;
  }
  const found = ASKED.filter(([, re]) => re.test(text)).map(([c]) => c);
  if (found.length !== 1) return undefined;
  return (found[0] === 'scoping-filter' || found[0] === 'matching-attribute' || found[0] === 'accidental-deletions') && AN_APPS_OWN.test(text) ? undefined : found[0];
}
