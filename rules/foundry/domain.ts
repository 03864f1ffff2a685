// Foundry domain model shared by the foundry/* rules: accounts, projects, connections, Key Vault connections, vault grants, dependsOn hints.
import type { Analysis } from "../../src/analyze.js";
import type { Fix, Suggestion } from "../../src/diagnostics.js";
import { keyStringNode, type JsonNode } from "../../src/load/json.js";
import { looksLikeResourceId } from "../../src/expressions/evaluate.js";
import { printExpression } from "../../src/expressions/print.js";
import { ObjectValue, RefValue, Unknown, canonical, displayText, hasToken, toStringValue, type Value } from "../../src/expressions/values.js";
import { idType, type Engine } from "../../src/graph/engine.js";
import type { DependencyGraph, GraphNode } from "../../src/graph/types.js";
import { prop } from "../../src/model/build.js";
import type { ResourceDecl } from "../../src/model/types.js";
import type { RuleContext } from "../../src/runner/types.js";
import { addDependsOnFix, dependsOnEntry, nameArgs, parsed } from "../entries.js";
import { LastMemo } from "../../src/runner/memo.js";
import { neverDeploys } from "../util.js";

// ---- resource types (lowercase; ARM compares types case-insensitively) ----

export const ACCOUNT_TYPE = "microsoft.cognitiveservices/accounts";
export const PROJECT_TYPE = "microsoft.cognitiveservices/accounts/projects";
export const ACCOUNT_CONNECTION_TYPE = "microsoft.cognitiveservices/accounts/connections";
export const PROJECT_CONNECTION_TYPE = "microsoft.cognitiveservices/accounts/projects/connections";
const VAULT_TYPE = "microsoft.keyvault/vaults";
const VAULT_ACCESS_POLICY_TYPE = "microsoft.keyvault/vaults/accesspolicies";
const ROLE_ASSIGNMENT_TYPE = "microsoft.authorization/roleassignments";
const USER_ASSIGNED_IDENTITY_TYPE = "microsoft.managedidentity/userassignedidentities";

/** The category of the Key Vault connection (matched case-insensitively). */
export const KEY_VAULT_CATEGORY = "AzureKeyVault";

/** Secret permissions the Foundry resource needs on an access-policy vault. */
export const REQUIRED_SECRET_PERMISSIONS: readonly string[] = ["get", "list", "set", "delete"];

/** From this Key Vault API version on, a vault without `enableRbacAuthorization` uses RBAC. */
const RBAC_DEFAULT_API_VERSION = "2026-02-01";

// ---- roles ----

/** What a role can do with secrets: set and delete them, nothing, or Key Vault Contributor (only on access-policy vaults). */
export type SecretAbility = "manage" | "none" | "contributor" | "unknown";

export interface RoleInfo {
  /** Role definition GUID (lowercase), when the id shows one. */
  guid: string | undefined;
  /** Built-in role name, when known. */
  name: string | undefined;
  secrets: SecretAbility;
}

export const SECRETS_OFFICER_GUID = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
export const CONTRIBUTOR_ROLE_GUID = "f25e0fa2-a7c8-4377-a976-54943a77a395";

const KNOWN_ROLES: ReadonlyMap<string, { name: string; secrets: SecretAbility }> = new Map([
  ["00482a5a-887f-4fb3-b363-3b7fe8e74483", { name: "Key Vault Administrator", secrets: "manage" }],
  [SECRETS_OFFICER_GUID, { name: "Key Vault Secrets Officer", secrets: "manage" }],
  [CONTRIBUTOR_ROLE_GUID, { name: "Key Vault Contributor", secrets: "contributor" }],
  ["4633458b-17de-408a-b874-0445c86b69e6", { name: "Key Vault Secrets User", secrets: "none" }],
  ["21090545-7ca7-4776-b22c-e363652d74d2", { name: "Key Vault Reader", secrets: "none" }],
  ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635", { name: "Owner", secrets: "none" }],
  ["b24988ac-6180-42a0-ab88-20f7382dd24c", { name: "Contributor", secrets: "none" }],
]);

const GUID_AT_END = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*$/i;

/** The role named by a `roleDefinitionId` value (any of its spellings: id, resourceId(), GUID). */
export function roleOf(value: Value | undefined): RoleInfo {
  if (typeof value !== "string") return { guid: undefined, name: undefined, secrets: "unknown" };
  // Only the last segment must be literal: the subscription part of the id is usually symbolic.
  const last = value.slice(value.lastIndexOf("/") + 1);
  const m = hasToken(last) ? null : GUID_AT_END.exec(last);
  if (!m) return { guid: undefined, name: undefined, secrets: "unknown" };
  const guid = m[1]!.toLowerCase();
  const known = KNOWN_ROLES.get(guid);
  return { guid, name: known?.name, secrets: known?.secrets ?? "unknown" };
}

// ---- model types ----

/** How sure we are that a principal id is the Foundry resource's managed identity. */
export type PrincipalMatch = "account" | "other" | "unknown";

export type AccountIdentity =
  | { kind: "unknown" }
  | { kind: "none" }
  | { kind: "managed"; system: boolean; /** Canonical ids of the user-assigned identities; undefined when they cannot be seen. */ userAssigned: string[] | undefined };

export interface FoundryAccount {
  /** Canonical identity (`…/providers/microsoft.cognitiveservices/accounts/<name>`). */
  key: string;
  /** Readable name (name expression with `{…}` for symbolic parts). */
  name: string;
  /** Every declaration with this identity (existing ones included), source order. */
  declarations: GraphNode[];
  /** The declaration that deploys the account, if the template deploys it. */
  declared: GraphNode | undefined;
  identity: AccountIdentity;
  projects: GraphNode[];
  /** Connections the template deploys (not `existing`, condition not false), source order. */
  connections: Connection[];
  keyVaultConnections: Connection[];
}

export interface Connection {
  node: GraphNode;
  account: FoundryAccount;
  level: "account" | "project";
  /** Canonical identity of what the connection hangs on: its project, or the account. */
  parentKey: string;
  /** Readable name of the project (or account). */
  parentName: string;
  /** Readable name of the connection (its own name segment). */
  name: string;
  /** The category when it is known exactly. */
  category: string | undefined;
  isKeyVault: boolean;
  /** `many` when a copy loop (of the connection or an enclosing module) can make more than one. */
  multiplicity: "one" | "many";
  /** Readable copy count (`3`, `length(parameters('x'))`), when in a loop. */
  countText: string | undefined;
  /** The vault a Key Vault connection points at. */
  vault: VaultTarget | undefined;
  /**
   * The connection's own copy loop makes the Key Vault connection and other connections (a Bicep `for` over a list
   * of connections that holds the Key Vault one): the instance indexes of each, read with every instance's category
   * known. The connection counts as the Key Vault connection; `others` are instances that have to wait for it.
   */
  instances: LoopInstances | undefined;
}

export interface LoopInstances {
  keyVault: number[];
  others: number[];
  /** Readable names of the instances, by index (none for an instance whose condition is false). */
  names: string[];
}

/** Most instances of a connection copy loop read one by one (a longer loop is read as a whole). */
const MAX_LOOP_INSTANCES = 64;

export type VaultMode = "rbac" | "accessPolicy" | "unknown";

export interface VaultTarget {
  /** Readable id (tokens kept). */
  id: string;
  key: string;
  name: string;
  /** Declarations with this identity (existing ones included). */
  nodes: GraphNode[];
  /** The declaration that deploys the vault, if any. */
  declared: GraphNode | undefined;
  mode: VaultMode;
  /** Why the mode is what it is (for messages). */
  modeReason: string;
}

export interface Grant {
  kind: "role" | "policy";
  /** The resource that carries the grant: a role assignment, the vault (inline policy), or an accessPolicies resource. */
  node: GraphNode;
  /** Exact JSON node to point at: `roleDefinitionId`, or the access policy entry. */
  site: JsonNode;
  /**
   * Scoped to the vault itself, to its resource group / subscription, or `maybe`: a scope written with
   * symbols the analysis cannot tell apart from the vault's (a parameter id, another resource group parameter).
   */
  on: "vault" | "ancestor" | "maybe";
  principal: PrincipalMatch;
  /** Readable principal expression. */
  principalText: string;
  role: RoleInfo | undefined;
  /** Policy grants: required secret permissions it lacks (undefined when they cannot be seen). */
  missingSecretPermissions: string[] | undefined;
}

export type AccessProblem =
  | { kind: "no-identity" }
  | { kind: "no-grant" }
  | { kind: "bad-role"; grant: Grant }
  | { kind: "bad-policy"; grant: Grant; missing: string[] }
  | { kind: "ignored-policy"; grant: Grant }
  | { kind: "ignored-role"; grant: Grant };

export interface KeyVaultAccess {
  connection: Connection;
  vault: VaultTarget | undefined;
  /** Grants on the vault for any principal. */
  grants: Grant[];
  /** Grants known to be for the Foundry resource's identity. */
  accountGrants: Grant[];
  /** Account grants that work under the vault's permission model. */
  effective: Grant[];
  problem: AccessProblem | undefined;
}

export interface FoundryModel {
  analysis: Analysis;
  graph: DependencyGraph;
  engine: Engine;
  /** Was the template emitted by Bicep (edit the `.bicep` source, not the JSON)? */
  bicep: boolean;
  accounts: FoundryAccount[];
  /** Every deployed connection, source order. */
  connections: Connection[];
  /** Key Vault access facts of a Key Vault connection (memoized). */
  access(connection: Connection): KeyVaultAccess;
  /**
   * The grant nodes other connections of the account must wait for (for one Key Vault connection):
   * the effective grants, or else every grant for the account's identity.
   */
  grantTargets(connection: Connection): Grant[];
}

// ---- building ----

const modelMemo = new LastMemo<Analysis, FoundryModel | undefined>();

/** The Foundry model of an analysis (undefined for non-templates); built once per analysis. */
export function foundryModel(analysis: Analysis): FoundryModel | undefined {
  return modelMemo.get(analysis, buildModel);
}

/** Runs `fn` on every Foundry resource of the analyzed template (on none when the template has no Foundry model). */
export function forEachAccount(context: Pick<RuleContext, "analysis">, fn: (account: FoundryAccount, fm: FoundryModel) => void): void {
  const fm = foundryModel(context.analysis);
  if (fm === undefined) return;
  // Indexed: rules run mostly unoptimized, where for...of allocates an iterator even for no accounts (most templates).
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
  for (let i = 0; i < fm.accounts.length; i++) fn(fm.accounts[i]!, fm);
}

/**
 * Could `type` lowercase to a Foundry type (all start with ACCOUNT_TYPE)? Answered without a lowercased copy of
 * each resource's type (most are of other providers). A non-ASCII character leaves it to toLowerCase; `| 0x20`
 * lowercases ASCII letters and keeps '.' and '/' (other characters it maps onto the prefix only let a type through).
 */
function mayBeFoundryType(type: string): boolean {
  for (let i = 0; i < ACCOUNT_TYPE.length; i++) {
    const c = type.charCodeAt(i); // NaN past the end: no match
    if (c > 0x7f) return true;
    if ((c | 0x20) !== ACCOUNT_TYPE.charCodeAt(i)) return false;
  }
  return true;
}

function buildModel(analysis: Analysis): FoundryModel | undefined {
  const { graph, engine, model } = analysis;
  if (graph === undefined || engine === undefined || model === undefined) return undefined;
  // Made on the first Foundry resource: most templates have none, and their model is empty.
  let accounts: Map<string, FoundryAccount> | undefined;
  const connectionNodes: GraphNode[] = [];
  // Indexed: this runs once per file, mostly unoptimized, where for...of allocates an iterator and its results.
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
  for (let i = 0; i < graph.resources.length; i++) {
    const node = graph.resources[i]!;
    if (node.kind !== "resource" || !mayBeFoundryType(node.type)) continue;
    const type = node.type.toLowerCase();
    if (type !== ACCOUNT_TYPE && type !== PROJECT_TYPE && type !== ACCOUNT_CONNECTION_TYPE && type !== PROJECT_CONNECTION_TYPE) continue;
    const key = accountKeyOf(node.identity);
    if (key === undefined) continue;
    const a = accountOf((accounts ??= new Map<string, FoundryAccount>()), key, segmentLabel(analysis, engine, node.decl, 0));
    if (type === ACCOUNT_TYPE) {
      a.declarations.push(node);
      if (a.declared === undefined && isDeployed(node, engine)) {
        a.declared = node;
        a.name = segmentLabel(analysis, engine, node.decl, 0);
      }
    } else if (type === PROJECT_TYPE) {
      if (isDeployed(node, engine) || node.existing) a.projects.push(node);
    } else if (isDeployed(node, engine)) connectionNodes.push(node);
  }
  const bicep = model.root.generator?.toLowerCase() === "bicep";
  if (accounts === undefined) return new Model(analysis, graph, engine, bicep, [], []);
  for (const a of accounts.values()) if (a.declared) a.identity = accountIdentity(a.declared, engine);

  const connections: Connection[] = [];
  for (const node of connectionNodes.sort(compareSource)) {
    const a = accounts.get(accountKeyOf(node.identity)!)!;
    const c = readConnection(analysis, engine, graph, node, a);
    connections.push(c);
    a.connections.push(c);
    if (c.isKeyVault) a.keyVaultConnections.push(c);
  }
  return new Model(analysis, graph, engine, bicep, [...accounts.values()], connections);
}

/** The account of `key` in `accounts`, added (named `name`) when it is not there yet. */
function accountOf(accounts: Map<string, FoundryAccount>, key: string, name: string): FoundryAccount {
  let a = accounts.get(key);
  if (a === undefined) {
    a = { key, name, declarations: [], declared: undefined, identity: { kind: "unknown" }, projects: [], connections: [], keyVaultConnections: [] };
    accounts.set(key, a);
  }
  return a;
}

/** A FoundryModel whose access facts are memoized in a map made on first use (no closures per analysis). */
class Model implements FoundryModel {
  #accessCache: Map<Connection, KeyVaultAccess> | undefined;

  constructor(
    readonly analysis: Analysis,
    readonly graph: DependencyGraph,
    readonly engine: Engine,
    readonly bicep: boolean,
    readonly accounts: FoundryAccount[],
    readonly connections: Connection[],
  ) {}

  access(connection: Connection): KeyVaultAccess {
    const cache = (this.#accessCache ??= new Map<Connection, KeyVaultAccess>());
    let r = cache.get(connection);
    if (r === undefined) {
      r = computeAccess(this, connection);
      cache.set(connection, r);
    }
    return r;
  }

  grantTargets(connection: Connection): Grant[] {
    const access = this.access(connection);
    return access.effective.length > 0 ? access.effective : access.accountGrants;
  }
}

/** `…/providers/microsoft.cognitiveservices/accounts/<name>` of a canonical identity at or below an account. */
export function accountKeyOf(identity: string): string | undefined {
  return keyPrefix(identity, 3);
}

/** `…/accounts/<a>/projects/<p>` of a canonical identity at or below a project. */
export function projectKeyOf(identity: string): string | undefined {
  return keyPrefix(identity, 5);
}

function keyPrefix(identity: string, segments: 3 | 5): string | undefined {
  const i = identity.lastIndexOf("/providers/");
  if (i < 0) return undefined;
  const segs = identity.slice(i + 11).split("/");
  if (segs.length < segments || segs[0] !== "microsoft.cognitiveservices" || segs[1] !== "accounts") return undefined;
  if (segments === 5 && segs[3] !== "projects") return undefined;
  return `${identity.slice(0, i)}/providers/${segs.slice(0, segments).join("/")}`;
}

/** Deployed by the template: not `existing`, and neither it nor an enclosing module has a condition known to be false or a copy count of 0. */
export function isDeployed(node: GraphNode, engine: Engine): boolean {
  return !node.existing && !neverDeploys(node, engine);
}

/**
 * Source order, one consistent order over every file of the analysis: by position within a file, and a
 * linked template's declarations where the deployment that links it stands (after it). Model order is not
 * source order once a file holds an inline nested template (its resources are numbered after the outer ones).
 */
export function compareSource(a: GraphNode, b: GraphNode): number {
  // Keys even within one file: a file linked twice is two places in that order.
  if (a.decl.scope === b.decl.scope) return a.decl.json.offset - b.decl.json.offset;
  const ka = sourceKey(a.decl);
  const kb = sourceKey(b.decl);
  for (let i = 0; i < ka.length && i < kb.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
  return ka.length - kb.length;
}

/** Offsets from the root file down: each linking deployment's offset in its file, then the declaration's own. */
function sourceKey(decl: ResourceDecl): number[] {
  const key = [decl.json.offset];
  for (let scope = decl.scope; scope.deployment !== undefined; scope = scope.deployment.scope) {
    if (scope.deployment.scope.file !== scope.file) key.unshift(scope.deployment.json.offset);
  }
  return key;
}

function evaluateProperties(engine: Engine, decl: ResourceDecl): ObjectValue | undefined {
  const node = prop(decl.json, "properties");
  if (node === undefined) return undefined;
  const v = engine.evaluate(node, decl, decl.scope);
  return v instanceof ObjectValue ? v : undefined;
}

function readConnection(analysis: Analysis, engine: Engine, graph: DependencyGraph, node: GraphNode, account: FoundryAccount): Connection {
  const level = node.type.toLowerCase() === PROJECT_CONNECTION_TYPE ? "project" : "account";
  let props = evaluateProperties(engine, node.decl);
  let category = literalCategory(props);
  let instances: LoopInstances | undefined;
  // How many instances of the connection's own loop it stands for, when they are read one by one.
  let ownCount: number | undefined;
  if (category === undefined) {
    // A loop over a known list: each instance's category may be known though the loop's is not.
    const loop = loopInstances(engine, node);
    if (loop !== undefined) {
      const first = loop[0]!.category;
      if (loop.every((x) => x.category.toLowerCase() === first.toLowerCase())) category = first;
      const keyVault = loop.filter((x) => isKeyVaultCategory(x.category));
      const others = loop.filter((x) => !isKeyVaultCategory(x.category));
      ownCount = keyVault.length > 0 ? keyVault.length : others.length;
      if (keyVault.length > 0) {
        props = keyVault[0]!.props;
        if (others.length > 0) {
          const names: string[] = [];
          for (const x of loop) names[x.index] = x.name;
          instances = { keyVault: keyVault.map((x) => x.index), others: others.map((x) => x.index), names };
        }
      }
    }
  }
  const isKeyVault = instances !== undefined || (category !== undefined && isKeyVaultCategory(category));
  const parentKey = level === "project" ? (projectKeyOf(node.identity) ?? account.key) : account.key;
  const parentName = level === "project" ? segmentLabel(analysis, engine, node.decl, 1) : account.name;
  const { multiplicity, countText } = multiplicityOf(node, account, ownCount);
  const segments = engine.identity(node.decl).names.length;
  return {
    node,
    account,
    level,
    parentKey,
    parentName,
    name: segmentLabel(analysis, engine, node.decl, segments - 1),
    category,
    isKeyVault,
    multiplicity,
    countText,
    vault: isKeyVault ? vaultTarget(props, node, engine, graph) : undefined,
    instances,
  };
}

function literalCategory(props: ObjectValue | undefined): string | undefined {
  const value = props?.get("category");
  return typeof value === "string" && !hasToken(value) ? value : undefined;
}

function isKeyVaultCategory(category: string): boolean {
  return category.toLowerCase() === KEY_VAULT_CATEGORY.toLowerCase();
}

/** One instance of a connection's own copy loop, read with its copyIndex() known. */
interface LoopInstance {
  index: number;
  props: ObjectValue | undefined;
  category: string;
  name: string;
}

/**
 * The instances of a connection's own copy loop, when its count is a known number (2 to MAX_LOOP_INSTANCES) and every
 * instance's category is a known string. Instances whose condition is false (Bicep `[for … : if (…)]`) are left out.
 */
function loopInstances(engine: Engine, node: GraphNode): LoopInstance[] | undefined {
  const count = node.copy?.count;
  const decl = node.decl;
  const propsNode = prop(decl.json, "properties");
  if (typeof count !== "number" || count < 2 || count > MAX_LOOP_INSTANCES || propsNode === undefined) return undefined;
  const out: LoopInstance[] = [];
  for (let index = 0; index < count; index++) {
    if (decl.condition !== undefined && engine.evaluateInstance(decl.condition, decl, index) === false) continue;
    const value = engine.evaluateInstance(propsNode, decl, index);
    const props = value instanceof ObjectValue ? value : undefined;
    const category = literalCategory(props);
    if (category === undefined) return undefined;
    const name = decl.nameNode === undefined ? undefined : engine.evaluateInstance(decl.nameNode, decl, index);
    out.push({ index, props, category, name: typeof name === "string" ? displayText(name.slice(name.lastIndexOf("/") + 1)) : `#${index}` });
  }
  return out.length > 0 ? out : undefined;
}

/**
 * A copy loop (of the resource or any enclosing module) counts as many unless its count is a known number ≤ 1.
 * `ownCount`: how many instances of the resource's own loop it stands for, when they were read one by one (its Key Vault ones, or else all that deploy).
 */
function multiplicityOf(node: GraphNode, account: FoundryAccount, ownCount?: number): { multiplicity: "one" | "many"; countText: string | undefined } {
  for (let cur: GraphNode | undefined = node; cur; cur = cur.deployment) {
    const copy = cur.copy;
    if (copy === undefined) continue;
    const count = cur === node && ownCount !== undefined ? ownCount : copy.count;
    if (typeof count === "number" && count <= 1) continue;
    // A loop whose index is part of the account's name makes one connection per account.
    if (account.key.includes("copyindex(")) continue;
    return { multiplicity: "many", countText: String(copy.count) };
  }
  return { multiplicity: "one", countText: undefined };
}

function vaultTarget(props: ObjectValue | undefined, node: GraphNode, engine: Engine, graph: DependencyGraph): VaultTarget | undefined {
  const metadata = props?.get("metadata");
  const candidates: (Value | undefined)[] = [props?.get("target"), metadata instanceof ObjectValue ? metadata.get("ResourceId") : undefined];
  for (const c of candidates) {
    if (typeof c !== "string") continue;
    const id = asResourceId(c, node.decl, engine);
    if (id === undefined || idType(id)?.toLowerCase() !== VAULT_TYPE) continue;
    const key = canonical(id);
    const nodes = graph.findById(id).filter((n) => n.kind === "resource");
    const declared = nodes.find((n) => isDeployed(n, engine));
    const name = displayText(id.slice(id.lastIndexOf("/") + 1));
    const mode = declared ? vaultMode(declared, engine) : { mode: "unknown" as const, reason: "the vault is not deployed by this template" };
    return { id, key, name, nodes, declared, mode: mode.mode, modeReason: mode.reason };
  }
  return undefined;
}

/** A full resource id from an id or a relative `Ns/type/name` string, in the scope of `decl`. */
function asResourceId(s: string, decl: ResourceDecl, engine: Engine): string | undefined {
  if (looksLikeResourceId(s)) return s;
  const trimmed = s.endsWith("/") ? s.slice(0, -1) : s;
  return engine.relativeId(trimmed, engine.frameOf(decl.scope));
}

function vaultMode(vault: GraphNode, engine: Engine): { mode: VaultMode; reason: string } {
  const props = evaluateProperties(engine, vault.decl);
  if (props === undefined && prop(vault.decl.json, "properties") !== undefined) return { mode: "unknown", reason: "its properties cannot be evaluated" };
  const rbac = props?.get("enableRbacAuthorization");
  if (rbac === true) return { mode: "rbac", reason: "enableRbacAuthorization is true" };
  if (rbac === false) return { mode: "accessPolicy", reason: "enableRbacAuthorization is false" };
  if (rbac !== undefined && rbac !== null) return { mode: "unknown", reason: "enableRbacAuthorization is not known before deployment" };
  const api = vault.decl.apiVersion;
  if (api === undefined || api.startsWith("[")) return { mode: "unknown", reason: "its API version is not known" };
  return api.slice(0, 10) >= RBAC_DEFAULT_API_VERSION
    ? { mode: "rbac", reason: `enableRbacAuthorization is not set and API version ${api} defaults to RBAC` }
    : { mode: "accessPolicy", reason: `enableRbacAuthorization is not set and API version ${api} defaults to access policies` };
}

function accountIdentity(node: GraphNode, engine: Engine): AccountIdentity {
  const idNode = prop(node.decl.json, "identity");
  if (idNode === undefined) return { kind: "none" };
  const v = engine.evaluate(idNode, node.decl, node.decl.scope);
  if (v === null) return { kind: "none" };
  if (!(v instanceof ObjectValue)) return { kind: "unknown" };
  const type = v.get("type");
  if (type === undefined || type === null) return { kind: "none" };
  if (typeof type !== "string" || hasToken(type)) return { kind: "unknown" };
  const t = type.toLowerCase().replaceAll(" ", "");
  if (t === "none" || t === "") return { kind: "none" };
  const uaiNode = idNode.type === "object" ? prop(idNode, "userAssignedIdentities") : undefined;
  let userAssigned: string[] | undefined = [];
  if (uaiNode?.type === "object") {
    // Keys are resource ids, often written as expressions (`[resourceId(...)]`): evaluate them.
    for (const p of uaiNode.properties) {
      const key: Value = p.key.startsWith("[") ? engine.evaluate(keyStringNode(p), node.decl, node.decl.scope) : p.key;
      if (typeof key !== "string") {
        userAssigned = undefined;
        break;
      }
      const id = asResourceId(key, node.decl, engine);
      userAssigned.push(canonical(id ?? key));
    }
  } else if (uaiNode !== undefined || !(v.get("userAssignedIdentities") === undefined || v.get("userAssignedIdentities") === null)) {
    userAssigned = undefined;
  }
  return { kind: "managed", system: t.split(",").includes("systemassigned"), userAssigned };
}

// ---- principals and grants ----

/** Is a principal id value the managed identity of the account (followed through parameters, variables and module outputs)? */
export function principalMatch(value: Value | undefined, account: FoundryAccount, engine: Engine): PrincipalMatch {
  if (!(value instanceof RefValue)) return value instanceof Unknown || typeof value === "string" ? "unknown" : "other";
  const path = value.path.map((p) => p.toLowerCase());
  const decl = value.resolved !== undefined ? engine.model.resources[value.resolved] : undefined;
  const targetKey = decl !== undefined ? engine.identity(decl).key : looksLikeResourceId(value.target) ? canonical(value.target) : undefined;
  if (targetKey === undefined) return "unknown";
  const targetType = idType(targetKey);
  if (path.length === 2 && path[0] === "identity" && path[1] === "principalid") {
    return targetKey === account.key ? "account" : "other";
  }
  const principalOfIdentity = (path.length === 1 && path[0] === "principalid") || (path.length === 2 && path[0] === "properties" && path[1] === "principalid");
  if (principalOfIdentity && targetType === USER_ASSIGNED_IDENTITY_TYPE) {
    if (account.identity.kind !== "managed" || account.identity.userAssigned === undefined) return "unknown";
    return account.identity.userAssigned.includes(targetKey) ? "account" : "other";
  }
  return "unknown";
}

function readableValue(v: Value | undefined): string {
  if (v === undefined) return "(none)";
  return displayText(v instanceof RefValue ? v.text : toStringValue(v));
}

/** Relation of an extension resource's scope to a vault id: the vault itself, its resource group/subscription, maybe, or none. */
function scopeRelation(scopeKey: string, vaultKey: string): Grant["on"] | undefined {
  if (scopeKey === vaultKey) return "vault";
  const scopeIsContainer = /^\/subscriptions\/[^/]+(\/resourcegroups\/[^/]+)?$/.test(scopeKey);
  if (scopeIsContainer && vaultKey.startsWith(`${scopeKey}/providers/`)) return "ancestor";
  if (!hasToken(scopeKey)) return undefined;
  // A scope that is one symbol (`[parameters('vaultId')]`), or the vault's type and name under other symbols.
  const type = idType(scopeKey);
  if (type === undefined && !scopeIsContainer) return "maybe";
  const tail = (k: string): string => k.slice(k.lastIndexOf("/providers/"));
  if (type === VAULT_TYPE && tail(scopeKey) === tail(vaultKey)) return "maybe";
  return undefined;
}

function grantsOnVault(fm: FoundryModel, vault: VaultTarget, account: FoundryAccount): Grant[] {
  const { engine, graph } = fm;
  const grants: Grant[] = [];
  const vaultNodes = new Set(vault.nodes);
  for (const node of graph.resources) {
    if (node.kind !== "resource" || !isDeployed(node, engine)) continue;
    const type = node.type.toLowerCase();
    if (idType(node.identity) === ROLE_ASSIGNMENT_TYPE || type === ROLE_ASSIGNMENT_TYPE) {
      let on = scopeRelation(engine.prefixOf(node.identity), vault.key);
      if (on !== "vault" && node.uses.some((u) => u.kind === "scope" && vaultNodes.has(u.target))) on = "vault";
      if (on === undefined) continue;
      const props = evaluateProperties(engine, node.decl);
      const principal = props?.get("principalId");
      const match = principalMatch(principal, account, engine);
      if (on === "maybe" && match === "other") continue;
      const propsNode = prop(node.decl.json, "properties");
      const site = (propsNode?.type === "object" ? prop(propsNode, "roleDefinitionId") : undefined) ?? node.decl.nameNode ?? node.decl.json;
      grants.push({
        kind: "role",
        node,
        site,
        on,
        principal: match,
        principalText: readableValue(principal),
        role: roleOf(props?.get("roleDefinitionId")),
        missingSecretPermissions: undefined,
      });
    } else if (type === VAULT_ACCESS_POLICY_TYPE || (type === VAULT_TYPE && node === vault.declared)) {
      if (type === VAULT_ACCESS_POLICY_TYPE) {
        const parent = node.identity.slice(0, node.identity.lastIndexOf("/accesspolicies/"));
        if (parent !== vault.key || node.nameSegments.at(-1) === "remove") continue;
      }
      grants.push(...policyGrants(fm, node, account));
    }
  }
  return grants;
}

function policyGrants(fm: FoundryModel, node: GraphNode, account: FoundryAccount): Grant[] {
  const { engine } = fm;
  const propsNode = prop(node.decl.json, "properties");
  const policiesNode = propsNode?.type === "object" ? prop(propsNode, "accessPolicies") : undefined;
  if (policiesNode === undefined) return [];
  const value = engine.evaluate(policiesNode, node.decl, node.decl.scope);
  const unknown = (site: JsonNode): Grant => ({
    kind: "policy",
    node,
    site,
    on: "vault",
    principal: "unknown",
    principalText: readableValue(value),
    role: undefined,
    missingSecretPermissions: undefined,
  });
  if (!Array.isArray(value)) return [unknown(policiesNode)];
  const out: Grant[] = [];
  value.forEach((entry, i) => {
    const site = (policiesNode.type === "array" ? policiesNode.items[i] : undefined) ?? policiesNode;
    if (!(entry instanceof ObjectValue)) {
      out.push(unknown(site));
      return;
    }
    const objectId = entry.get("objectId");
    const permissions = entry.get("permissions");
    const secrets = permissions instanceof ObjectValue ? permissions.get("secrets") : undefined;
    out.push({
      kind: "policy",
      node,
      site,
      on: "vault",
      principal: principalMatch(objectId, account, engine),
      principalText: readableValue(objectId),
      role: undefined,
      missingSecretPermissions: missingPermissions(secrets),
    });
  });
  return out;
}

function missingPermissions(secrets: Value | undefined): string[] | undefined {
  if (secrets === undefined || secrets === null) return [...REQUIRED_SECRET_PERMISSIONS];
  if (!Array.isArray(secrets)) return undefined;
  const have = new Set<string>();
  for (const s of secrets) {
    if (typeof s !== "string" || hasToken(s)) return undefined;
    have.add(s.toLowerCase());
  }
  if (have.has("all")) return [];
  return REQUIRED_SECRET_PERMISSIONS.filter((p) => !have.has(p));
}

/** Does a grant for the account work under the vault's permission model? */
function isEffective(grant: Grant, mode: VaultMode): boolean {
  if (grant.kind === "role") {
    const s = grant.role?.secrets ?? "unknown";
    if (s === "none") return false;
    // Data roles do nothing on an access-policy vault; Key Vault Contributor can still write access policies.
    if (mode === "accessPolicy") return s === "contributor" || s === "unknown";
    return true;
  }
  if (mode === "rbac") return false;
  return grant.missingSecretPermissions === undefined || grant.missingSecretPermissions.length === 0;
}

function computeAccess(fm: FoundryModel, connection: Connection): KeyVaultAccess {
  const vault = connection.vault;
  const account = connection.account;
  const grants = vault ? grantsOnVault(fm, vault, account) : [];
  const accountGrants = grants.filter((g) => g.principal === "account" && g.on !== "maybe");
  const mode = vault?.mode ?? "unknown";
  const effective = accountGrants.filter((g) => isEffective(g, mode));
  const result: KeyVaultAccess = { connection, vault, grants, accountGrants, effective, problem: undefined };
  if (account.declared && account.identity.kind === "none") {
    result.problem = { kind: "no-identity" };
    return result;
  }
  if (vault === undefined || effective.length > 0) return result;
  // A grant whose principal or scope cannot be followed may be the one: say nothing.
  if (grants.some((g) => g.principal === "unknown" || g.on === "maybe")) return result;
  if (accountGrants.length === 0) {
    // A linked template the analysis could not load may hold the grant.
    const opaque = fm.graph.resources.some((n) => n.decl.opaqueLink);
    if (vault.declared && !opaque) result.problem = { kind: "no-grant" };
    return result;
  }
  const badRole = accountGrants.find((g) => g.kind === "role" && g.role?.secrets === "none");
  const badPolicy = accountGrants.find((g) => g.kind === "policy" && (g.missingSecretPermissions?.length ?? 0) > 0);
  if (badRole) result.problem = { kind: "bad-role", grant: badRole };
  else if (badPolicy && mode !== "rbac") result.problem = { kind: "bad-policy", grant: badPolicy, missing: badPolicy.missingSecretPermissions ?? [] };
  else if (mode === "rbac") result.problem = { kind: "ignored-policy", grant: accountGrants[0]! };
  else if (mode === "accessPolicy") result.problem = { kind: "ignored-role", grant: accountGrants[0]! };
  return result;
}

// ---- readable names ----

/** Readable name segment `i` of a resource: the evaluated name, or the source expression when the value is too long to read. */
export function segmentLabel(analysis: Analysis, engine: Engine, decl: ResourceDecl, i: number): string {
  const names = engine.identity(decl).names;
  const seg = names[Math.min(i, names.length - 1)] ?? "";
  const text = displayText(seg);
  if (!text.includes("…") && text.length <= 120) return text;
  const args = nameArgs(analysis, decl);
  const arg = args?.[i];
  if (arg === undefined) return text;
  return /^'[^']*'$/.test(arg) ? arg.slice(1, -1) : `{${arg}}`;
}

/** Readable label of a grant for messages. */
export function grantLabel(fm: FoundryModel, grant: Grant, vault: VaultTarget): string {
  const sym = grant.node.decl.symbolicName;
  if (grant.kind === "role") {
    const role = grant.role?.name ?? (grant.role?.guid !== undefined ? `role ${grant.role.guid}` : undefined);
    return `the ${role !== undefined ? `${role} ` : ""}role assignment${sym !== undefined ? ` '${sym}'` : ""} on vault '${vault.name}'`;
  }
  if (grant.node.type.toLowerCase() === VAULT_ACCESS_POLICY_TYPE) {
    return `the access policy resource '${segmentLabel(fm.analysis, fm.engine, grant.node.decl, 1)}' of vault '${vault.name}'`;
  }
  return `the access policy in vault '${vault.name}'`;
}

// ---- dependsOn entries, placement and fixes ----

/** The resource and the module levels a node sits in, innermost first (the node itself first). */
function ancestry(n: GraphNode): GraphNode[] {
  const out: GraphNode[] = [];
  for (let cur: GraphNode | undefined = n.owner ?? n; cur; cur = cur.deployment) out.push(cur);
  return out;
}

export interface DependencyHint {
  /** What gets the dependsOn entry: the resource, or the module around it. */
  holder: GraphNode;
  /** What the entry names: the resource, or the module around it. */
  target: GraphNode;
  /** The entry, in the template's style (symbolic name or resourceId()). */
  entry: string;
  /** Readable placement (`its dependsOn`, `the dependsOn of module 'x'`). */
  where: string;
  /** The target already waits for the holder: adding the entry would make a cycle. */
  cycle: boolean;
  /** Bicep spelling of the target (symbolic name, or the resource's name). */
  bicepName: string;
  /** Text edit adding the entry (finding and entry in the analyzed file, not Bicep-generated, no cycle). */
  fix: Fix | undefined;
}

/** Where and how `from` should depend on `to`: the outermost ancestors of both that are siblings in one template. */
export function dependencyHint(fm: FoundryModel, from: GraphNode, to: GraphNode, description: string): DependencyHint | undefined {
  const a = ancestry(from);
  const b = ancestry(to);
  for (const holder of a) {
    const target = b.find((n) => n.decl.scope === holder.decl.scope);
    if (target === undefined) continue;
    const entry = dependsOnEntry(fm.analysis, target.decl);
    const cycle = target === holder || fm.graph.reaches(target, holder);
    const where = holder === a[0] ? "its dependsOn" : `the dependsOn of module '${moduleName(holder)}'`;
    // Edits apply to the file of the finding (the connection's): offer one only when the entry goes into that file.
    const sameFile = from.decl.scope.file === fm.analysis.file && holder.decl.scope.file === fm.analysis.file;
    const fix = fm.bicep || cycle || !sameFile ? undefined : addDependsOnFix(fm.analysis, holder.decl, entry, description);
    return { holder, target, entry, where, cycle, bicepName: bicepName(fm, target), fix };
  }
  return undefined;
}

function moduleName(n: GraphNode): string {
  return n.decl.symbolicName ?? n.displayName;
}

function bicepName(fm: FoundryModel, n: GraphNode): string {
  if (n.decl.symbolicName !== undefined) return n.decl.symbolicName;
  const names = fm.engine.identity(n.decl).names;
  return `<${kindLabel(n)} '${segmentLabel(fm.analysis, fm.engine, n.decl, names.length - 1)}'>`;
}

function kindLabel(n: GraphNode): string {
  if (n.kind === "deployment") return "module";
  const type = n.type.toLowerCase();
  if (type === ACCOUNT_CONNECTION_TYPE || type === PROJECT_CONNECTION_TYPE) return "connection";
  if (idType(n.identity) === ROLE_ASSIGNMENT_TYPE) return "role assignment";
  return "resource";
}

export { addDependsOnFix, dependsOnEntry, nameArgs };

// ---- report helpers ----

/** The exact node a connection finding points at: its dependsOn, else its name. */
export function connectionSite(node: GraphNode): JsonNode {
  return node.decl.dependsOnNode ?? node.decl.nameNode ?? node.decl.json;
}

/** The name node of a resource (or the resource object). */
export function nameSite(node: GraphNode): JsonNode {
  return node.decl.nameNode ?? node.decl.json;
}

/** The suggestion that applies a dependency hint: add its entry (with the edit when there is one). */
export function hintSuggestion(hint: DependencyHint): Suggestion {
  return { description: `Add "${hint.entry}" to ${hint.where}`, ...(hint.fix !== undefined ? { fix: hint.fix } : {}) };
}

/** `file` for a report when the node lives in a linked template. */
export function fileOf(fm: FoundryModel, node: GraphNode): string | undefined {
  return node.decl.scope.file === fm.analysis.file ? undefined : node.decl.scope.file;
}

/** The text of a dependency hint for messages: the entry, where it goes, and the Bicep form. */
export function hintText(fm: FoundryModel, hint: DependencyHint, bicepNames: readonly string[]): string {
  let s = `add "${hint.entry}" to ${hint.where}`;
  if (hint.cycle) s += ` (first remove the dependency that makes ${describe(fm, hint.target)} wait for ${describe(fm, hint.holder)}, or the entry makes a cycle)`;
  if (fm.bicep) {
    const on = hint.holder.kind === "deployment" ? ` on module ${bicepName(fm, hint.holder)}` : "";
    s += ` (in the Bicep source${on}: dependsOn: [${bicepNames.join(", ")}])`;
  }
  return s;
}

/** `connection 'x'`, `module 'y'`: a short readable label. */
export function describe(fm: FoundryModel, node: GraphNode): string {
  const n = node.owner ?? node;
  if (n.kind === "deployment") return `module '${moduleName(n)}'`;
  const names = fm.engine.identity(n.decl).names;
  return `'${segmentLabel(fm.analysis, fm.engine, n.decl, names.length - 1)}'`;
}

/** Bicep spelling of a node, for the `dependsOn: [...]` form. */
export function bicepLabel(fm: FoundryModel, node: GraphNode): string {
  return bicepName(fm, node);
}

// ---- creation order of connections ----

/**
 * The connections of each parent (a project, or the Foundry resource itself), which the service creates one at a
 * time: one list per parent (parents in order of first appearance), each sorted by source position.
 */
export function connectionsByParent(connections: readonly Connection[]): Connection[][] {
  if (connections.length === 0) return [];
  const groups = new Map<string, Connection[]>();
  for (const c of connections) {
    const list = groups.get(c.parentKey);
    if (list) list.push(c);
    else groups.set(c.parentKey, [c]);
  }
  return [...groups.values()].map((list) => list.sort((a, b) => compareSource(a.node, b.node)));
}

/** The copy loop (the connection's own, or an enclosing module's) that creates several instances at once, if any. */
export function parallelLoop(fm: FoundryModel, node: GraphNode): GraphNode | undefined {
  for (let cur: GraphNode | undefined = node; cur !== undefined; cur = cur.deployment) {
    const copy = cur.decl.copy;
    const count = cur.copy?.count;
    if (copy === undefined || count === undefined) continue;
    if (typeof count === "number" && count <= 1) continue;
    if (copy.mode?.toLowerCase() === "serial") {
      const batch = copy.batchSize === undefined ? 1 : fm.engine.evaluate(copy.batchSize, undefined, cur.decl.scope);
      if (batch === 1) continue;
    }
    return cur;
  }
  return undefined;
}

// ---- conditions ----

function conditionText(fm: FoundryModel, node: GraphNode): string | undefined {
  const e = parsed(fm.analysis, node.decl.condition);
  if (e === undefined || e === "literal") return undefined;
  return printExpression(e).toLowerCase();
}

/** Two resources of one template under conditions `[c]` and `[not(c)]`: never deployed together. */
export function mutuallyExclusive(fm: FoundryModel, a: GraphNode, b: GraphNode): boolean {
  if (a.decl.scope !== b.decl.scope) return false;
  const ca = conditionText(fm, a);
  const cb = conditionText(fm, b);
  if (ca === undefined || cb === undefined) return false;
  return ca === `not(${cb})` || cb === `not(${ca})`;
}

// ---- what a connection must wait for ----

export interface MissingKeyVault {
  keyVaultConnection: Connection;
  hint: DependencyHint | undefined;
  /** The connection is a mixed copy loop (`Connection.instances`) whose other instances do not wait for its Key Vault instance. */
  sameLoop: boolean;
}

export interface MissingGrant {
  keyVaultConnection: Connection;
  grant: Grant;
  vault: VaultTarget;
  hint: DependencyHint | undefined;
}

export interface Prerequisites {
  /** Set when the connection waits for none of its account's Key Vault connections. */
  keyVault: MissingKeyVault | undefined;
  /** Set when the connection waits for none of the grants of a Key Vault connection's vault. */
  grant: MissingGrant | undefined;
}

/** Per Foundry model (so per file): each connection's prerequisites, once asked. */
const prerequisitesMemo = new LastMemo<FoundryModel, Map<Connection, Prerequisites>>();

/** The Key Vault steps a connection (other than a Key Vault connection) does not wait for (memoized). */
export function prerequisites(fm: FoundryModel, c: Connection): Prerequisites {
  const known = prerequisitesMemo.get(fm, () => new Map());
  let cached = known.get(c);
  if (cached === undefined) {
    cached = computePrerequisites(fm, c);
    known.set(c, cached);
  }
  return cached;
}

function computePrerequisites(fm: FoundryModel, c: Connection): Prerequisites {
  const result: Prerequisites = { keyVault: undefined, grant: undefined };
  // A Key Vault connection waits for nothing, unless its copy loop makes other connections too.
  if (c.isKeyVault && c.instances === undefined) return result;
  const kvs = c.account.keyVaultConnections;
  const first = kvs[0];
  if (c.instances !== undefined) {
    if (!loopOrdersKeyVaultFirst(fm, c.node, c.instances)) result.keyVault = { keyVaultConnection: c, hint: undefined, sameLoop: true };
  } else if (first !== undefined && !kvs.some((k) => fm.graph.reaches(c.node, k.node))) {
    result.keyVault = {
      keyVaultConnection: first,
      hint: dependencyHint(fm, c.node, first.node, `Make connection '${c.name}' depend on the Key Vault connection '${first.name}'`),
      sameLoop: false,
    };
  }
  for (const k of kvs) {
    const targets = fm.grantTargets(k);
    const vault = k.vault;
    if (targets.length === 0 || vault === undefined) continue;
    if (targets.some((g) => g.node === c.node || fm.graph.reaches(c.node, g.node))) continue;
    const grant = [...targets].sort((x, y) => compareSource(x.node, y.node))[0]!;
    result.grant = {
      keyVaultConnection: k,
      grant,
      vault,
      hint: dependencyHint(fm, c.node, grant.node, `Make connection '${c.name}' depend on ${grantLabel(fm, grant, vault)}`),
    };
    break;
  }
  return result;
}

/**
 * Does a serial copy loop create every Key Vault instance in an earlier batch than every other instance? ARM runs a
 * serial loop's batches (`batchSize`, default 1) one after another, in index order; a parallel loop runs them at once.
 */
function loopOrdersKeyVaultFirst(fm: FoundryModel, node: GraphNode, instances: LoopInstances): boolean {
  const copy = node.decl.copy;
  if (copy?.mode?.toLowerCase() !== "serial") return false;
  const size = copy.batchSize === undefined ? 1 : fm.engine.evaluate(copy.batchSize, undefined, node.decl.scope);
  if (typeof size !== "number" || size < 1) return false;
  const batch = (i: number): number => Math.floor(i / size);
  return batch(Math.max(...instances.keyVault)) < batch(Math.min(...instances.others));
}

/** Bicep names of every missing Key Vault step that goes into the same place as `hint`. */
export function bicepNamesFor(fm: FoundryModel, p: Prerequisites, hint: DependencyHint): string[] {
  const names: string[] = [];
  for (const h of [p.keyVault?.hint, p.grant?.hint]) {
    if (h?.holder !== hint.holder) continue;
    if (!names.includes(h.bicepName)) names.push(h.bicepName);
  }
  if (names.length === 0) names.push(bicepLabel(fm, hint.target));
  return names;
}
