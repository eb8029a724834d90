import type * as ts from 'typescript';

export type Variant =
  | { kind: 'literal'; text: string; node?: ts.Node }
  | { kind: 'request'; source: 'origin' | 'other'; node: ts.Node; path: ts.Node[] }
  | { kind: 'env'; name: string; node: ts.Node }
  | { kind: 'list'; items: AbstractValue; node: ts.Node }
  | { kind: 'unknown'; node?: ts.Node };

export interface AbstractValue {
  variants: Variant[];
}
