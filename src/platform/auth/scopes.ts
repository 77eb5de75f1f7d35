/**
 * Scopes. Each service declares its scopes (a URI prefix, the names under it, what each allows); the
 * catalog collects them. Scope URIs are folded into one canonical name (`<prefix>:<name>`) before
 * any comparison, so a prefix's older spellings (a v1p1 next to a v1p2 URI) grant the same. One
 * declared scope may imply all others (the administrator's).
 */

/** The scopes one service declares. Services sharing a prefix each list their own names. */
export interface ScopeDeclaration {
  /** Short name of the canonical form (`x` → `x:items.readonly`). */
  prefix: string;
  /** URI prefixes the scopes are granted under; the first is the documented one. */
  uris: readonly string[];
  /** Name under the prefix → what it allows (shown in discovery documents). */
  scopes: Record<string, string>;
  /** A name among `scopes` that implies every scope of every service. */
  admin?: string;
}

/**
 * A route's requirement: any one of the alternatives, each a set of scopes all of which are needed.
 * `[['a'], ['b']]` = a or b; `[['a', 'b']]` = a and b.
 */
export type ScopeRequirement = string[][];

export function anyOf(...scopes: string[]): ScopeRequirement {
  return scopes.map((s) => [s]);
}

export class ScopeCatalog {
  /** Every declared scope, canonical, with its description. */
  readonly known = new Map<string, string>();
  /** The canonical scope that implies all others, if one was declared. */
  readonly admin?: string;
  private readonly prefixes: { uri: string; prefix: string }[] = [];
  private readonly documented = new Map<string, string>();

  constructor(declarations: readonly ScopeDeclaration[]) {
    let admin: string | undefined;
    for (const declaration of declarations) {
      const known = this.documented.get(declaration.prefix);
      if (known !== undefined && known !== declaration.uris[0]) throw new Error(`scope prefix '${declaration.prefix}' is declared with two URIs`);
      this.documented.set(declaration.prefix, declaration.uris[0]);
      for (const uri of declaration.uris) if (!this.prefixes.some((p) => p.uri === uri)) this.prefixes.push({ uri, prefix: declaration.prefix });
      for (const [name, description] of Object.entries(declaration.scopes)) this.known.set(`${declaration.prefix}:${name}`, description);
      if (declaration.admin) {
        if (admin) throw new Error('two scopes are declared as the administrator scope');
        admin = `${declaration.prefix}:${declaration.admin}`;
      }
    }
    this.admin = admin;
  }

  /** Canonical form of a scope URI; unknown URIs stay as they are (and match nothing). */
  canonical(uri: string): string {
    for (const { uri: prefixUri, prefix } of this.prefixes) if (uri.startsWith(prefixUri)) return `${prefix}:${uri.slice(prefixUri.length)}`;
    return uri;
  }

  /** The URI a canonical scope is documented and granted as. */
  uri(canonical: string): string {
    const colon = canonical.indexOf(':');
    const base = colon > 0 ? this.documented.get(canonical.slice(0, colon)) : undefined;
    return base === undefined ? canonical : `${base}${canonical.slice(colon + 1)}`;
  }

  /** Whether granted (canonical) scopes meet a requirement; the administrator scope meets every one. */
  satisfies(granted: ReadonlySet<string>, requirement: ScopeRequirement): boolean {
    if (this.admin !== undefined && granted.has(this.admin)) return true;
    return requirement.some((all) => all.every((s) => granted.has(s)));
  }
}
