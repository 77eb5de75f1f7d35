/**
 * The `filter` grammar of the 1EdTech REST bindings (OneRoster 1.2 §3.4), parsed into an AST (no SQL here):
 *
 *   expression := conjunction ( " OR " conjunction )*
 *   conjunction := predicate ( " AND " predicate )*
 *   predicate  := field operator "'" value "'"
 *   operator   := = | != | > | >= | < | <= | ~ | @
 *
 * AND binds tighter than OR. A quote inside a value is written twice (`'O''Brien'`).
 */
import { badRequest } from '../errors.js';

export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '@';

export interface Predicate {
  field: string;
  op: Operator;
  value: string;
}

/** Disjunctive normal form: OR of ANDs, which is exactly what the grammar can express. */
export type FilterAst = Predicate[][];

export const MAX_FILTER_LENGTH = 8192;
export const MAX_PREDICATES = 100;

const FIELD = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const OPERATOR = /(>=|<=|!=|=|>|<|~|@)/y;
const CONNECTIVE = /\s+(AND|OR)\s+/iy;
const SPACES = /\s*/y;

function matchAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

export function parseFilter(text: string): FilterAst {
  if (text.length > MAX_FILTER_LENGTH) throw badRequest(`filter is longer than ${MAX_FILTER_LENGTH} characters.`, 'filter');
  const source = text.trim();
  if (source === '') throw badRequest('filter is empty.', 'filter');
  const ast: FilterAst = [[]];
  let at = 0;
  let count = 0;
  const fail = (what: string): never => {
    throw badRequest(`Malformed filter at character ${at + 1}: ${what}.`, 'filter');
  };

  for (;;) {
    at = matchAt(SPACES, source, at)![0].length + at;
    const field = matchAt(FIELD, source, at);
    if (!field) fail('expected a field name');
    at += field![0].length;
    at = matchAt(SPACES, source, at)![0].length + at;
    const op = matchAt(OPERATOR, source, at);
    if (!op) fail(`expected an operator (=, !=, >, >=, <, <=, ~, @) after '${field![0]}'`);
    at += op![0].length;
    at = matchAt(SPACES, source, at)![0].length + at;
    if (source[at] !== "'") fail('expected a value in single quotes');
    let value = '';
    let closed = false;
    for (at += 1; at < source.length; at += 1) {
      if (source[at] === "'") {
        if (source[at + 1] === "'") {
          value += "'";
          at += 1;
          continue;
        }
        closed = true;
        at += 1;
        break;
      }
      value += source[at];
    }
    if (!closed) fail('unterminated quoted value');
    count += 1;
    if (count > MAX_PREDICATES) throw badRequest(`filter has more than ${MAX_PREDICATES} predicates.`, 'filter');
    ast[ast.length - 1].push({ field: field![0], op: op![0] as Operator, value });

    if (at >= source.length) break;
    const connective = matchAt(CONNECTIVE, source, at);
    if (!connective) fail("expected ' AND ' or ' OR '");
    at += connective![0].length;
    if (connective![1].toUpperCase() === 'OR') ast.push([]);
  }
  return ast;
}

/** Every field a filter names (used to decide whether deleted records are in view). */
export function filterFields(ast: FilterAst): string[] {
  return ast.flatMap((conjunction) => conjunction.map((p) => p.field));
}
