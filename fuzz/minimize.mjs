// Delta debugging (ddmin) for failing inputs: removes chunks of lines, then of tokens, then of single
// characters, keeping a removal whenever the failure (the same signature) persists. A smaller input
// makes a better bug report and a cheaper regression test.
import { tokenize } from './mutate.mjs';

/** Units of `text` whose concatenation is `text`. */
function linesOf(text) {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function tokenUnitsOf(text) {
  let tokens;
  try {
    tokens = tokenize(text);
  } catch {
    return [...text];
  }
  const units = [];
  let at = 0;
  for (const t of tokens) {
    if (t.end <= at) continue;
    units.push(text.slice(at, t.end)); // leading trivia travels with its token
    at = t.end;
  }
  if (at < text.length) units.push(text.slice(at));
  return units;
}

function ddmin(units, fails, budget) {
  let n = 2;
  while (units.length >= 2 && budget.tries < budget.maxTries) {
    const chunk = Math.ceil(units.length / n);
    let reduced = false;
    for (let i = 0; i < n && budget.tries < budget.maxTries; i++) {
      const candidate = [...units.slice(0, i * chunk), ...units.slice((i + 1) * chunk)];
      if (candidate.length === units.length) continue;
      budget.tries++;
      if (fails(candidate.join(''))) {
        units = candidate;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= units.length) break;
      n = Math.min(units.length, n * 2);
    }
  }
  return units.join('');
}

/**
 * The smallest text found for which `fails(text)` still holds, within `maxTries` calls. Inputs over
 * `maxCharsForCharPass` characters skip the final character-by-character pass.
 */
export function minimize(text, fails, { maxTries = 1500, maxCharsForCharPass = 4000 } = {}) {
  const budget = { tries: 0, maxTries };
  let current = ddmin(linesOf(text), fails, budget);
  current = ddmin(tokenUnitsOf(current), fails, budget);
  if (current.length <= maxCharsForCharPass) current = ddmin([...current], fails, budget);
  return current;
}
