/** Unit tests of the filter grammar's parser (no database). */
import { describe, expect, it } from 'vitest';
import { parseFilter, filterFields, MAX_FILTER_LENGTH, MAX_PREDICATES } from '../../src/platform/query/filter-parser.js';
import { ImsxError } from '../../src/platform/errors.js';

const failure = (text: string): ImsxError => {
  try {
    parseFilter(text);
  } catch (error) {
    return error as ImsxError;
  }
  throw new Error(`parsed: ${text}`);
};

describe('parseFilter', () => {
  it.each(['=', '!=', '>', '>=', '<', '<=', '~', '@'])('reads the operator %s', (op) => {
    expect(parseFilter(`title${op}'x'`)).toEqual([[{ field: 'title', op, value: 'x' }]]);
  });

  it('reads dotted fields and allows spaces around the operator', () => {
    expect(parseFilter("metadata.a.b = 'v'")).toEqual([[{ field: 'metadata.a.b', op: '=', value: 'v' }]]);
  });

  it('AND binds tighter than OR: the result is an OR of ANDs', () => {
    expect(parseFilter("a='1' AND b='2' OR c='3' AND d='4' AND e='5' OR f='6'")).toEqual([
      [
        { field: 'a', op: '=', value: '1' },
        { field: 'b', op: '=', value: '2' },
      ],
      [
        { field: 'c', op: '=', value: '3' },
        { field: 'd', op: '=', value: '4' },
        { field: 'e', op: '=', value: '5' },
      ],
      [{ field: 'f', op: '=', value: '6' }],
    ]);
  });

  it('keeps connectives, operators and semicolons inside quotes as text', () => {
    expect(parseFilter("title='Rock AND Roll OR x>=''y''; --'")).toEqual([[{ field: 'title', op: '=', value: "Rock AND Roll OR x>='y'; --" }]]);
  });

  it('a doubled quote is one quote; an empty value is allowed', () => {
    expect(parseFilter("familyName='O''Brien'")[0][0].value).toBe("O'Brien");
    expect(parseFilter("a=''''")[0][0].value).toBe("'");
    expect(parseFilter("a=''")[0][0].value).toBe('');
  });

  it('keeps unicode and backslashes as they are', () => {
    expect(parseFilter("name='Zoë \\ 東京'")[0][0].value).toBe('Zoë \\ 東京');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ["familyName='Simpson", 'unterminated'],
    ['familyName=Simpson', 'quotes'],
    ["familyName=='x'", 'quotes'],
    ["familyName<>'x'", 'quotes'],
    ["familyName 'x'", 'operator'],
    ["='x'", 'field name'],
    ["a='x' AND", "' AND ' or ' OR '"],
    ["a='x' AND ", "' AND ' or ' OR '"],
    ["AND a='x'", 'operator'],
    ["a='x' AND AND b='y'", 'operator'],
    ["a='x' XOR b='y'", "' AND ' or ' OR '"],
    ["a='x'b='y'", "' AND ' or ' OR '"],
    ["a='x'; DROP TABLE users; --", "' AND ' or ' OR '"],
    ["a='x' ANDb='y'", "' AND ' or ' OR '"],
  ])('rejects %j', (text, mentions) => {
    const error = failure(text);
    expect(error).toBeInstanceOf(ImsxError);
    expect(error.statusCode).toBe(400);
    expect(error.codeMinor).toBe('invaliddata');
    expect(error.message).toContain(mentions);
    expect(error.details).toEqual([{ field: 'filter', message: error.message }]);
  });

  it(`limits the length to ${MAX_FILTER_LENGTH} characters`, () => {
    const exact = `title='${'x'.repeat(MAX_FILTER_LENGTH - 8)}'`;
    expect(exact).toHaveLength(MAX_FILTER_LENGTH);
    expect(parseFilter(exact)[0][0].value).toHaveLength(MAX_FILTER_LENGTH - 8);
    expect(failure(`${exact} `).message).toContain(String(MAX_FILTER_LENGTH));
  });

  it(`limits the number of predicates to ${MAX_PREDICATES}`, () => {
    const predicates = (n: number) => Array.from({ length: n }, (_, i) => `a='${i}'`).join(' OR ');
    expect(parseFilter(predicates(MAX_PREDICATES))).toHaveLength(MAX_PREDICATES);
    expect(failure(predicates(MAX_PREDICATES + 1)).message).toContain(String(MAX_PREDICATES));
  });

  it('filterFields lists every field named', () => {
    expect(filterFields(parseFilter("status='active' AND a='1' OR dateLastModified>'2020-01-01'"))).toEqual(['status', 'a', 'dateLastModified']);
  });
});
