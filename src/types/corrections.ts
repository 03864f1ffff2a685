// Documented corrections to the published type data: values that ARM accepts but the data lacks, applied over any type data.
import { compareApiVersions } from "./model.js";

export interface ValueCorrection {
  /** Resource types it applies to (lowercase). */
  types: readonly string[];
  /** Property path from the resource body, lowercase (`properties`, `authtype`). */
  path: readonly string[];
  /** String values accepted besides those the data lists (compared case-insensitively). */
  values: readonly string[];
  /** Only API versions before this one (exclusive); undefined: every version. */
  before?: string;
  /** Why, in one sentence (shown in docs and tests). */
  reason: string;
}

const CONNECTION_TYPES = ["microsoft.cognitiveservices/accounts/connections", "microsoft.cognitiveservices/accounts/projects/connections"] as const;

/** Every correction armlint applies. */
export const CORRECTIONS: readonly ValueCorrection[] = [
  {
    types: CONNECTION_TYPES,
    path: ["properties", "authtype"],
    values: ["AccountManagedIdentity", "ProjectManagedIdentity"],
    reason:
      "The Key Vault connection authenticates with the account's managed identity (AccountManagedIdentity); the published type data lacks this value and ProjectManagedIdentity (bicep-types-az issue 2638).",
  },
  {
    types: CONNECTION_TYPES,
    path: ["properties", "category"],
    values: ["AzureKeyVault"],
    before: "2025-10-01-preview",
    reason:
      "The type data lists category AzureKeyVault only from 2025-10-01-preview on, but the service accepts it earlier: Microsoft's Key Vault connection guidance uses it with 2025-04-01-preview.",
  },
];

export interface PropertyCorrection {
  /** Resource types it applies to (lowercase). */
  types: readonly string[];
  /** Path of the object that holds the property, lowercase (`properties`). */
  path: readonly string[];
  /** The property the service accepts there although the data does not list it. */
  property: string;
  reason: string;
}

const PROJECT_CAPABILITY_HOST = "microsoft.cognitiveservices/accounts/projects/capabilityhosts";

/** Properties the service accepts that the published data lacks (so they are never "unknown"). */
export const PROPERTY_CORRECTIONS: readonly PropertyCorrection[] = [
  {
    types: [PROJECT_CAPABILITY_HOST],
    path: ["properties"],
    property: "capabilityHostKind",
    reason:
      "Microsoft's agent setup samples set capabilityHostKind 'Agents' on project capability hosts; the published data lists it only for account capability hosts.",
  },
  {
    types: CONNECTION_TYPES,
    path: ["properties"],
    property: "tokenUrl",
    reason: "Microsoft's model gateway connection samples set tokenUrl on OAuth2 connections; the published data lacks it.",
  },
  {
    types: CONNECTION_TYPES,
    path: ["properties"],
    property: "scopes",
    reason: "Microsoft's model gateway connection samples set scopes on OAuth2 connections; the published data lacks it.",
  },
];

/** The correction that makes property `key` of the object at `path` known, if any. */
export function propertyCorrectionFor(type: string, path: readonly string[], key: string): PropertyCorrection | undefined {
  const t = type.toLowerCase();
  const k = key.toLowerCase();
  return PROPERTY_CORRECTIONS.find(
    (c) => c.types.includes(t) && c.property.toLowerCase() === k && c.path.length === path.length && c.path.every((p, i) => p === path[i]?.toLowerCase()),
  );
}

/** The correction that makes `value` valid at `path` of `type`@`apiVersion`, if any. */
export function correctionFor(type: string, apiVersion: string, path: readonly string[], value: string): ValueCorrection | undefined {
  const t = type.toLowerCase();
  const v = value.toLowerCase();
  for (const c of CORRECTIONS) {
    if (!c.types.includes(t) || c.path.length !== path.length) continue;
    if (!c.path.every((p, i) => p === path[i]?.toLowerCase())) continue;
    if (c.before !== undefined && compareApiVersions(apiVersion, c.before) >= 0) continue;
    if (c.values.some((x) => x.toLowerCase() === v)) return c;
  }
  return undefined;
}

/** Extra discriminator values a correction adds at `path` (for "one of" lists in messages). */
export function correctedValues(type: string, apiVersion: string, path: readonly string[]): string[] {
  const t = type.toLowerCase();
  const out: string[] = [];
  for (const c of CORRECTIONS) {
    if (!c.types.includes(t) || c.path.length !== path.length) continue;
    if (!c.path.every((p, i) => p === path[i]?.toLowerCase())) continue;
    if (c.before !== undefined && compareApiVersions(apiVersion, c.before) >= 0) continue;
    out.push(...c.values);
  }
  return out;
}
