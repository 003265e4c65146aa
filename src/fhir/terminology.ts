import type { JsonObject } from "./resource-reader.js";

export type Membership = "member" | "not-member" | "unknown-value-set";

interface Include {
  system: string;
  /** Listed codes, or undefined for "every code of the system". */
  codes?: Set<string>;
}

/**
 * Code membership for the value sets of a profile set: enough terminology for NDOP's bindings
 * (value sets that include whole code systems or list codes), not a terminology server.
 */
export class Terminology {
  private readonly valueSets = new Map<string, Include[]>();
  private readonly codeSystems = new Map<string, Set<string>>();

  addCodeSystem(codeSystem: JsonObject): void {
    const codes = new Set<string>();
    collectCodes((codeSystem.concept as JsonObject[] | undefined) ?? [], codes);
    this.codeSystems.set(String(codeSystem.url), codes);
  }

  addValueSet(valueSet: JsonObject): void {
    const compose = (valueSet.compose ?? {}) as { include?: JsonObject[] };
    const includes = (compose.include ?? []).map((include): Include => {
      const concepts = include.concept as { code: string }[] | undefined;
      return concepts
        ? {
            system: String(include.system),
            codes: new Set(concepts.map((concept) => concept.code)),
          }
        : { system: String(include.system) };
    });
    this.valueSets.set(String(valueSet.url), includes);
  }

  hasValueSet(url: string): boolean {
    return this.valueSets.has(url);
  }

  /** Whether `system|code` is in the value set; `system` undefined matches any included system. */
  contains(valueSetUrl: string, system: string | undefined, code: string | undefined): Membership {
    const includes = this.valueSets.get(valueSetUrl);
    if (includes === undefined) return "unknown-value-set";
    if (code === undefined) return "not-member";
    for (const include of includes) {
      if (system !== undefined && include.system !== system) continue;
      const codes = include.codes ?? this.codeSystems.get(include.system);
      if (codes === undefined) return "unknown-value-set";
      if (codes.has(code)) return "member";
    }
    return "not-member";
  }
}

function collectCodes(concepts: JsonObject[], into: Set<string>): void {
  for (const concept of concepts) {
    into.add(String(concept.code));
    collectCodes((concept.concept as JsonObject[] | undefined) ?? [], into);
  }
}
