// Help text: what `armlint --help` prints.

export function helpText(): string {
  return `armlint - static analyzer for Azure Resource Manager (ARM) templates

Usage:
  armlint [options] [paths...]   lint files, folders and globs (default: .)
  armlint rules [options]        list every rule (id, default severity, description, docs)
  armlint plan [options] FILE    per Foundry resource: the creation waves the dependency graph
                                 implies, the teardown order the guidance requires, and every
                                 place the graph contradicts them (--format json for machines)
  armlint diff [options] BEFORE AFTER
                                 compare two versions of a template with the change rules
                                 (foundry/deletion-order, foundry/key-vault-switch)
  armlint --base GIT_REF [options] [paths...]
                                 the same for the template files a change touches (deleted ones
                                 included) against their version at GIT_REF; for pre-push hooks
                                 and pull requests. Findings about removed resources sit on the
                                 old version, shown as GIT_REF:path
  armlint graph [options] FILE   draw the dependency graph with the findings on it:
                                 --format dot (default), mermaid, json, html (one page, no network)
                                 --focus RESOURCE [--depth N]: RESOURCE's neighbourhood (depth 2)
  armlint explain FILE RESOURCE [TARGET]
                                 why RESOURCE waits (or does not wait) for TARGET, edge by edge with
                                 source lines, or the dependsOn that is missing; without TARGET,
                                 what RESOURCE waits for and what waits for it. Name a resource by
                                 symbolic name, name, name expression or JSON path (resources[3]);
                                 exit 0: it waits, 1: it does not, 2: a name is unknown or ambiguous
  armlint merge-sarif OUT IN...  join the SARIF files of sharded runs (--shard) into OUT, one run

Paths:
  file                 linted as given; a JSON file that is not a template gets an info note
  folder               recursive (skips node_modules and .git); its .json/.jsonc files whose
                       $schema is a deployment template are linted, the rest counted as skipped
  glob                 *, **, ?, [abc], {a,b}: quote it so the shell leaves it alone
  main.parameters.json beside main.json: its values are used when linting main.json (and it is
                       checked against the template), also when only it is named (main.json is then
                       linted with it); turn off with "discoverParameterFiles": false
  .bicep, .bicepparam  not linted: compile first ('bicep build main.bicep'), then lint main.json

Options:
  -f, --format NAME        output format: stylish (default), json, compact, unix; for CI: sarif
                           (code scanning), github (annotations), azure-devops, junit, checkstyle
  -o, --output-file FILE   write the report to FILE (parent folders are created)
      --stdin              lint the text on standard input (an editor's unsaved buffer)
      --stdin-filename PATH  the path that text is linted as (config, parameters file, output)
      --max-warnings N     exit 1 when there are more than N warnings
      --quiet              report errors only
      --rule ID:SEVERITY   set a rule's severity: off, info, warning, error (repeatable)
      --parameters FILE    the parameters file of the one template linted (deployment parameters
                           JSON, also 'bicep build-params' output): parameters take its values
      --types DIR          Bicep type data: a folder laid out like bicep-types-az's 'generated/'
                           (overrides config "types"; indexed once, the index cached)
      --fix                apply the rules' fixes (dependsOn additions first), keeping formatting
                           and comments; templates emitted by Bicep are left alone (fix the .bicep)
      --fix-dry-run        print the fixes as a unified diff on stdout, write nothing (the report
                           of what would remain goes to stderr)
      --no-inline-config   ignore suppressions in templates (metadata.armlint, comments)
      --report-unused-disable-directives
                           report suppressions that suppress nothing (armlint/unused-suppression)
      --baseline FILE      findings listed in FILE are suppressed and do not fail the run
      --write-baseline FILE  write every current finding to FILE (adopt armlint on legacy templates)
      --prune-baseline     with --baseline: drop entries from FILE that no longer occur
      --cache              reuse the results of files that did not change (nor their linked
                           templates, parameters file, config, plugins, type data or armlint)
      --cache-location P   the cache file, or a folder for it (default ./.armlintcache; implies --cache)
      --jobs N|auto        lint on N worker threads (auto: the idle CPUs less one); same output as one
      --shard I/N          lint only shard I of N (by a hash of each file's path): spread a large
                           repository over N CI jobs, then join their SARIF with merge-sarif
      --base GIT_REF       compare with the files at this git revision (see above)
      --deployment-mode M  diff/--base: complete (default: removal deletes, as in complete mode
                           and deployment stacks) or incremental (deletion checks off)
  -c, --config FILE        use this config file instead of armlint.config.json lookup
      --no-config          use no config file (built-in defaults)
      --color, --no-color  force colors on or off (default: on for a terminal, unless NO_COLOR)
  -v, --version            print the version
  -h, --help               print this help

Config:
  armlint.config.json (JSON with comments), found from each file's folder upward:
    { "rules": { "arm/unused-parameter": "off", "some/rule": ["warning", { "option": true }] },
      "plugins": ["armlint-plugin-x", "./local-plugin.js"],
      "ignorePatterns": ["build/**"],
      "types": "../bicep-types-az/generated", "discoverParameterFiles": true }

Suppressions:
  On a resource: "metadata": { "armlint": { "disable": ["arm/unused-parameter"], "reason": "why" } }
  In a file with comments: // armlint-disable-next-line arm/missing-dependency, arm/x -- why
  (also /* ... */). A suppression without a reason is a warning; suppressed findings are counted.

Environment:
  NO_COLOR             no colors unless --color (any non-empty value)
  ARMLINT_CACHE_DIR    where indexes built for --types folders without index.json are kept
                       (default: the user cache folder + /armlint)
  ARMLINT_V8_FLAGS     V8 flags to run with instead of armlint's tuning (empty: V8's defaults)
  ARMLINT_DEBUG=1      print the stack trace of an internal error, and --cache hit counts

Exit codes:
  0  no errors (and warnings within --max-warnings)
  1  errors, or more warnings than --max-warnings (plan: the graph contradicts the guidance)
  2  armlint could not do the job: bad usage or config, an input that is missing, unreadable
     or not valid JSON, a Bicep input, an unusable baseline file, an internal error
`;
}
