// The rule registry, sorted by id. Adding a rule: its file here, one line below, tests, docs/rules/<id>.md.
import type { Rule } from './rule';
import { duplicateOriginHeader } from './duplicate-origin-header';
import { insecureOrigin } from './insecure-origin';
import { invalidOrigin } from './invalid-origin';
import { missingPreflight } from './missing-preflight';
import { missingVaryOrigin } from './missing-vary-origin';
import { multipleOrigins } from './multiple-origins';
import { nullOrigin } from './null-origin';
import { permissiveWildcard } from './permissive-wildcard';
import { reflectedOrigin } from './reflected-origin';
import { weakOriginCheck } from './weak-origin-check';
import { wildcardWithCredentials } from './wildcard-with-credentials';

export const RULES: readonly Rule[] = [
  duplicateOriginHeader,
  insecureOrigin,
  invalidOrigin,
  missingPreflight,
  missingVaryOrigin,
  multipleOrigins,
  nullOrigin,
  permissiveWildcard,
  reflectedOrigin,
  weakOriginCheck,
  wildcardWithCredentials,
];

export type { Rule, RuleMeta } from './rule';
