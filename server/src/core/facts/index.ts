import type * as ts from 'typescript';
import type { CorsFacts } from './model';

export function collectFacts(_sourceFile: ts.SourceFile): CorsFacts {
  return { writes: [], groups: [], configs: [], routes: [], optionsAnswers: [], checks: [], originLiterals: [], varyCalls: [], imports: new Set() };
}
