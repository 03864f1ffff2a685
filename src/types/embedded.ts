// The embedded type index: what armlint's own rules rely on (Foundry accounts, projects, connections, capability hosts; Key Vault; role assignments), written from facts with TypeFactory.
//
// Sources: ../shared/reference/foundry-facts.md and reading the bicep-types-az data (never copied).
// Each resource type is registered at the first API version its facts hold for; a later version uses
// them too (`versionMatch: "since"`). Objects are open (any extra property is allowed): this index
// is deliberately incomplete, so it never calls a property, type or API version unknown. It carries
// the documented corrections (connection authType and category values) in its own data.
import type { BicepType, ObjectTypeProperty, ObjectTypePropertyFlags, TypeFactory, TypeReference } from "@azure/bicep-types";
import { namespaceOf } from "./model.js";
import { bicepTypesModuleSync, type BicepTypesModule } from "./module.js";
import { IndexedTypeSource, NO_TYPES, ResolutionMemo, type IndexedSourceOptions, type KnownType, type ResolvedResourceType, type TypeSource } from "./source.js";

/** The first API version with Foundry projects and connections. */
export const FOUNDRY_SINCE = "2025-04-01-preview";
const KEY_VAULT_SINCE = "2018-02-14";
const ROLE_ASSIGNMENT_SINCE = "2015-07-01";
const EMBEDDED_FILE = "embedded/types.json";

/**
 * The resource types of the index, each with the API version its facts hold from: known without building
 * the index, so a template without any of them never loads `@azure/bicep-types` (see `embeddedTypes`).
 */
const EMBEDDED_RESOURCES: Readonly<Record<string, string>> = {
  "Microsoft.CognitiveServices/accounts": FOUNDRY_SINCE,
  "Microsoft.CognitiveServices/accounts/projects": FOUNDRY_SINCE,
  "Microsoft.CognitiveServices/accounts/connections": FOUNDRY_SINCE,
  "Microsoft.CognitiveServices/accounts/projects/connections": FOUNDRY_SINCE,
  "Microsoft.CognitiveServices/accounts/capabilityHosts": FOUNDRY_SINCE,
  "Microsoft.CognitiveServices/accounts/projects/capabilityHosts": FOUNDRY_SINCE,
  "Microsoft.KeyVault/vaults": KEY_VAULT_SINCE,
  "Microsoft.KeyVault/vaults/accessPolicies": KEY_VAULT_SINCE,
  "Microsoft.Authorization/roleAssignments": ROLE_ASSIGNMENT_SINCE,
};

const EMBEDDED_OPTIONS: IndexedSourceOptions = {
  kind: "embedded",
  description: "armlint's built-in type facts",
  closed: false,
  complete: new Set(),
  versionMatch: "since",
};

const GUID_PATTERN = "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$";
/** Accounts and projects: 2 to 64 characters, starting with a letter or digit. */
const ACCOUNT_NAME_PATTERN = "^[a-zA-Z0-9][a-zA-Z0-9_.-]*$";
/** Connections: 3 to 33 characters. */
const CONNECTION_NAME_PATTERN = "^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$";
const CAPABILITY_HOST_NAME_PATTERN = "^[a-zA-Z0-9][a-zA-Z0-9\\-_]{0,254}$";

/** Connection categories (an open enum: other strings are accepted). */
const CONNECTION_CATEGORIES = [
  "PythonFeed", "ContainerRegistry", "Git", "S3", "Snowflake", "AzureKeyVault", "AzureSqlDb", "AzureSynapseAnalytics",
  "AzureMySqlDb", "AzurePostgresDb", "ADLSGen2", "AzureContainerAppEnvironment", "Redis", "ApiKey", "AzureOpenAI",
  "AIServices", "CognitiveSearch", "CognitiveService", "CustomKeys", "AzureBlob", "AzureStorageAccount", "AzureOneLake",
  "CosmosDb", "CosmosDbMongoDbApi", "AzureDataExplorer", "AzureMariaDb", "AzureDatabricksDeltaLake", "AzureSqlMi",
  "AzureTableStorage", "AmazonRdsForOracle", "AmazonRdsForSqlServer", "AmazonRedshift", "Db2", "Drill", "GoogleBigQuery",
  "Greenplum", "Hbase", "Hive", "Impala", "Informix", "MariaDb", "MicrosoftAccess", "MySql", "Netezza", "Oracle", "Phoenix",
  "PostgreSql", "Presto", "SapOpenHub", "SapBw", "SapHana", "SapTable", "Spark", "SqlServer", "Sybase", "Teradata", "Vertica",
  "Pinecone", "Databricks", "Cassandra", "Couchbase", "MongoDbV2", "MongoDbAtlas", "AmazonS3Compatible", "FileServer",
  "FtpServer", "GoogleCloudStorage", "Hdfs", "OracleCloudStorage", "Sftp", "GenericHttp", "ODataRest", "Odbc", "GenericRest",
  "RemoteTool", "AmazonMws", "Concur", "Dynamics", "DynamicsAx", "DynamicsCrm", "GoogleAdWords", "Hubspot", "Jira", "Magento",
  "Marketo", "Office365", "Eloqua", "Responsys", "OracleServiceCloud", "PayPal", "QuickBooks", "Salesforce",
  "SalesforceServiceCloud", "SalesforceMarketingCloud", "SapCloudForCustomer", "SapEcc", "ServiceNow", "SharePointOnlineList",
  "Shopify", "Square", "WebTable", "Xero", "Zoho", "GenericContainerRegistry", "Elasticsearch", "AppInsights", "AppConfig",
  "OpenAI", "Serp", "BingLLMSearch", "Serverless", "ManagedOnlineEndpoint", "ApiManagement", "ModelGateway",
  "GroundingWithBingSearch", "GroundingWithCustomSearch", "Sharepoint", "MicrosoftFabric", "PowerPlatformEnvironment", "RemoteA2A",
];

/** Connection auth types: the discriminator of the connection's properties (a closed set). */
const CONNECTION_AUTH_TYPES = [
  "AAD", "AccessKey", "AccountKey", "ApiKey", "CustomKeys", "ManagedIdentity", "None", "OAuth2", "PAT", "SAS",
  "ServicePrincipal", "UsernamePassword",
  // Corrections (see corrections.ts): accepted by the service, missing from the published data.
  "AccountManagedIdentity", "ProjectManagedIdentity",
];

const IDENTITY_TYPES = ["None", "SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned"];
const PRINCIPAL_TYPES = ["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"];
const SECRET_PERMISSIONS = ["all", "get", "list", "set", "delete", "backup", "restore", "recover", "purge"];
const KEY_PERMISSIONS = [
  "all", "encrypt", "decrypt", "wrapKey", "unwrapKey", "sign", "verify", "get", "list", "create", "update", "import", "delete",
  "backup", "restore", "recover", "purge", "release", "rotate", "getrotationpolicy", "setrotationpolicy",
];
const CERTIFICATE_PERMISSIONS = [
  "all", "get", "list", "delete", "create", "import", "update", "managecontacts", "getissuers", "listissuers", "setissuers",
  "deleteissuers", "manageissuers", "recover", "purge", "backup", "restore",
];
const STORAGE_PERMISSIONS = [
  "all", "get", "list", "delete", "set", "update", "regeneratekey", "recover", "purge", "backup", "restore", "setsas", "listsas",
  "getsas", "deletesas",
];

/** Builds the embedded types (one type file) with TypeFactory. */
export function buildEmbeddedTypes(mod: BicepTypesModule): BicepType[] {
  const f = new mod.TypeFactory();
  const b = new Builder(f, mod);
  const { str, any, bool } = b;

  const identity = b.object("ManagedIdentity", {
    type: b.prop(b.enumOf(IDENTITY_TYPES, false)),
    userAssignedIdentities: b.prop(any),
  });
  const namedBody = (typeName: string, name: TypeReference, props: Record<string, ObjectTypeProperty>): TypeReference =>
    b.object(typeName, { name: b.prop(name, b.identifier), ...props });

  // Cognitive Services (Foundry)
  const accountName = f.addStringType(undefined, 2, 64, ACCOUNT_NAME_PATTERN);
  b.resource("Microsoft.CognitiveServices/accounts", namedBody("Microsoft.CognitiveServices/accounts", accountName, {
    location: b.prop(str),
    kind: b.prop(str),
    identity: b.prop(identity),
    sku: b.prop(b.object("Sku", { name: b.prop(str, b.required), tier: b.prop(b.enumOf(["Free", "Basic", "Standard", "Premium", "Enterprise"], true)) })),
    properties: b.prop(
      b.object("AccountProperties", {
        allowProjectManagement: b.prop(bool),
        disableLocalAuth: b.prop(bool),
        customSubDomainName: b.prop(str),
        publicNetworkAccess: b.prop(b.enumOf(["Enabled", "Disabled"], true)),
      }),
    ),
  }));
  b.resource("Microsoft.CognitiveServices/accounts/projects", namedBody("Microsoft.CognitiveServices/accounts/projects", accountName, {
    location: b.prop(str),
    identity: b.prop(identity),
    properties: b.prop(b.object("ProjectProperties", { displayName: b.prop(str), description: b.prop(str) })),
  }));
  const connectionName = f.addStringType(undefined, undefined, undefined, CONNECTION_NAME_PATTERN);
  const elements: Record<string, TypeReference> = {};
  for (const authType of CONNECTION_AUTH_TYPES) {
    elements[authType] = b.object(`${authType}ConnectionProperties`, {
      authType: b.prop(f.addStringLiteralType(authType), b.required),
      credentials: b.prop(any),
    });
  }
  const connectionProperties = f.addDiscriminatedObjectType(
    "ConnectionProperties",
    "authType",
    {
      category: b.prop(b.enumOf(CONNECTION_CATEGORIES, true)),
      target: b.prop(str),
      isSharedToAll: b.prop(bool),
      metadata: b.prop(any),
    },
    elements,
  );
  for (const type of ["Microsoft.CognitiveServices/accounts/connections", "Microsoft.CognitiveServices/accounts/projects/connections"]) {
    b.resource(type, namedBody(type, connectionName, { properties: b.prop(connectionProperties, b.required) }));
  }
  const capabilityHostName = f.addStringType(undefined, undefined, undefined, CAPABILITY_HOST_NAME_PATTERN);
  const connectionNames = f.addArrayType(str);
  for (const type of ["Microsoft.CognitiveServices/accounts/capabilityHosts", "Microsoft.CognitiveServices/accounts/projects/capabilityHosts"]) {
    b.resource(type, namedBody(type, capabilityHostName, {
      properties: b.prop(
        b.object("CapabilityHostProperties", {
          capabilityHostKind: b.prop(b.enumOf(["Agents"], true)),
          aiServicesConnections: b.prop(connectionNames),
          storageConnections: b.prop(connectionNames),
          threadStorageConnections: b.prop(connectionNames),
          vectorStoreConnections: b.prop(connectionNames),
        }),
        b.required,
      ),
    }));
  }

  // Key Vault
  const guid = f.addStringType(undefined, 36, 36, GUID_PATTERN);
  const permissionList = (values: string[]) => b.prop(f.addArrayType(b.enumOf(values, true)));
  const accessPolicy = b.object("AccessPolicyEntry", {
    tenantId: b.prop(guid, b.required),
    objectId: b.prop(str, b.required),
    applicationId: b.prop(guid),
    permissions: b.prop(
      b.object("Permissions", {
        keys: permissionList(KEY_PERMISSIONS),
        secrets: permissionList(SECRET_PERMISSIONS),
        certificates: permissionList(CERTIFICATE_PERMISSIONS),
        storage: permissionList(STORAGE_PERMISSIONS),
      }),
      b.required,
    ),
  });
  const accessPolicies = f.addArrayType(accessPolicy);
  b.resource("Microsoft.KeyVault/vaults", namedBody("Microsoft.KeyVault/vaults", str, {
    location: b.prop(str, b.required),
    properties: b.prop(
      b.object("VaultProperties", {
        tenantId: b.prop(guid, b.required),
        sku: b.prop(b.object("Sku", { family: b.prop(b.enumOf(["A"], true), b.required), name: b.prop(b.enumOf(["standard", "premium"], false), b.required) }), b.required),
        accessPolicies: b.prop(accessPolicies),
        enableRbacAuthorization: b.prop(bool),
        enableSoftDelete: b.prop(bool),
        enablePurgeProtection: b.prop(bool),
        enabledForDeployment: b.prop(bool),
        enabledForDiskEncryption: b.prop(bool),
        enabledForTemplateDeployment: b.prop(bool),
        createMode: b.prop(b.enumOf(["recover", "default"], false)),
      }),
      b.required,
    ),
  }));
  b.resource("Microsoft.KeyVault/vaults/accessPolicies", namedBody(
    "Microsoft.KeyVault/vaults/accessPolicies",
    b.enumOf(["add", "replace", "remove"], false),
    { properties: b.prop(b.object("VaultAccessPolicyProperties", { accessPolicies: b.prop(accessPolicies, b.required) }), b.required) },
  ));

  // Role assignments (an extension resource: any scope)
  b.resource("Microsoft.Authorization/roleAssignments", namedBody("Microsoft.Authorization/roleAssignments", str, {
    properties: b.prop(
      b.object("RoleAssignmentProperties", {
        roleDefinitionId: b.prop(str, b.required),
        principalId: b.prop(str, b.required),
        principalType: b.prop(b.enumOf(PRINCIPAL_TYPES, true)),
        description: b.prop(str),
        condition: b.prop(str),
        conditionVersion: b.prop(str),
        delegatedManagedIdentityResourceId: b.prop(str),
      }),
      b.required,
    ),
  }), true);
  return f.types;
}

/** Small wrapper over TypeFactory: open objects, enums, properties with flags. */
class Builder {
  readonly str: TypeReference;
  readonly any: TypeReference;
  readonly bool: TypeReference;
  readonly required: ObjectTypePropertyFlags;
  /** Required and the resource's identifier (its `name`). */
  readonly identifier: ObjectTypePropertyFlags;

  constructor(
    readonly f: TypeFactory,
    readonly mod: BicepTypesModule,
  ) {
    this.str = f.addStringType();
    this.any = f.addAnyType();
    this.bool = f.addBooleanType();
    this.required = mod.ObjectTypePropertyFlags.Required;
    this.identifier = mod.ObjectTypePropertyFlags.Required | mod.ObjectTypePropertyFlags.Identifier;
  }

  prop(type: TypeReference, flags?: ObjectTypePropertyFlags): ObjectTypeProperty {
    return { type, flags: flags ?? this.mod.ObjectTypePropertyFlags.None };
  }

  /** An open object: properties it does not list are allowed (this index is incomplete by design). */
  object(name: string, properties: Record<string, ObjectTypeProperty>): TypeReference {
    return this.f.addObjectType(name, properties, this.any);
  }

  /** A union of string literals; `open` adds `string` (any other value accepted). */
  enumOf(values: readonly string[], open: boolean): TypeReference {
    const elements = values.map((v) => this.f.addStringLiteralType(v));
    if (open) elements.push(this.str);
    return this.f.addUnionType(elements);
  }

  /** A resource type of EMBEDDED_RESOURCES, at the first API version its facts hold for; an extension resource (role assignments) goes on any scope. */
  resource(type: string, body: TypeReference, extension = false): void {
    const since = EMBEDDED_RESOURCES[type];
    if (since === undefined) throw new Error(`${type} is missing from EMBEDDED_RESOURCES`);
    const name = `${type}@${since}`;
    if (extension) this.f.addUnscopedResourceType(name, body);
    else this.f.addResourceType(name, body, this.mod.ScopeType.ResourceGroup, this.mod.ScopeType.ResourceGroup);
  }
}

let built: IndexedTypeSource | undefined;

/** The embedded source, built on first use (once per process). */
function builtEmbeddedSource(): IndexedTypeSource {
  return (built ??= embeddedSource(bicepTypesModuleSync()));
}

/** The embedded source (built once per process). */
export function loadEmbeddedTypes(): Promise<IndexedTypeSource> {
  return Promise.resolve().then(builtEmbeddedSource);
}

/** Builds the embedded source with a loaded module. */
export function embeddedSource(mod: BicepTypesModule): IndexedTypeSource {
  const types = buildEmbeddedTypes(mod);
  const index = mod.buildIndex([{ relativePath: EMBEDDED_FILE, types }], () => undefined);
  return new IndexedTypeSource(index, (path) => (path === EMBEDDED_FILE ? types : undefined), EMBEDDED_OPTIONS);
}

/** The embedded facts, built only when a resource of a type they cover is resolved (which types those are comes from EMBEDDED_RESOURCES). */
class LazyEmbeddedSource implements TypeSource {
  readonly kind = EMBEDDED_OPTIONS.kind;
  readonly description = EMBEDDED_OPTIONS.description;
  readonly closed = EMBEDDED_OPTIONS.closed;
  readonly namespaces: ReadonlySet<string>;
  readonly #byNamespace = new Map<string, Map<string, KnownType>>();
  readonly #resolutions = new ResolutionMemo();

  constructor() {
    for (const [type, since] of Object.entries(EMBEDDED_RESOURCES)) {
      const ns = namespaceOf(type);
      let types = this.#byNamespace.get(ns);
      if (types === undefined) this.#byNamespace.set(ns, (types = new Map<string, KnownType>()));
      types.set(type.toLowerCase(), { type, versions: [since] });
    }
    this.namespaces = new Set(this.#byNamespace.keys());
  }

  /** Never: the facts are deliberately incomplete (EMBEDDED_OPTIONS.complete is empty). */
  isComplete(): boolean {
    return false;
  }

  typesOf(namespace: string): ReadonlyMap<string, KnownType> {
    return this.#byNamespace.get(namespace.toLowerCase()) ?? NO_TYPES;
  }

  resolve(type: string, apiVersion: string): ResolvedResourceType | undefined {
    const hit = this.#resolutions.get(type, apiVersion);
    if (hit !== undefined) return hit ?? undefined;
    const resolved = this.typesOf(namespaceOf(type)).has(type.toLowerCase()) ? builtEmbeddedSource().resolve(type, apiVersion) : undefined;
    this.#resolutions.set(type, apiVersion, resolved);
    return resolved;
  }
}

let lazy: TypeSource | undefined;

/** The embedded facts as a source that loads `@azure/bicep-types` and builds its index on the first resolve of a type it covers. */
export function embeddedTypes(): TypeSource {
  return (lazy ??= new LazyEmbeddedSource());
}
