import { CommanderError } from 'commander';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

/**
 * `reliability slo history import`: an SLO's definitions from before the catalog delivered
 * it, read from its file's git history (each commit that changed it), sent in one request
 * that the backend imports all or nothing.
 */

/** 0 imported (or nothing to import), 1 refused by the backend or unreachable, 2 bad input. */
export const HISTORY_EXIT = { imported: 0, refused: 1, input: 2 } as const;

/** At most this many versions are sent (`SloHistoryImport.items.maxItems`). */
export const MAX_HISTORY = 100;

export const HISTORY_HELP = `
Reads the git history of <file> (a catalog file in a git checkout), takes each
commit's version of the SLO, keeps the commits that changed its spec, and imports
the versions committed before the catalog first delivered the SLO, each in force
from its commit time. The backend keeps what the catalog delivered as it is; the
last version, when it is the definition the catalog delivered, says since when
that definition has been in force. Running it again replaces the earlier import.

--slo names the SLO (name or namespace/name) when the file holds several.
--commit-url makes each version's source a link, {sha} standing for the commit:
  --commit-url 'https://github.com/acme/shop/commit/{sha}'

Needs reliability.slo.history.write on the SLO's service (a user's token, or an
external-access token allowed it).

Exit codes:
  0  imported, or nothing to import
  1  the backend refused the import or could not be reached; nothing imported
  2  bad input: not a git checkout, no such SLO in the file, bad arguments

Examples:
  reliability slo history import catalog/slos.yaml --slo checkout-availability --dry-run
  reliability slo history import slos.yaml --url http://localhost:7007 --token "$TOKEN"`;

export function historyInputError(message: string): CommanderError {
  return new CommanderError(HISTORY_EXIT.input, 'reliability.history', message);
}

/** One commit's version of the file. */
export interface FileVersion {
  sha: string;
  /** The commit time, ISO 8601. */
  committedAt: string;
  /** The file's path in that commit, from the repository's root (it may have moved). */
  path: string;
  text: string;
}

/** One version of the SLO: the commit that brought it and its OpenSLO spec. */
export interface SloVersion {
  sha: string;
  committedAt: string;
  path: string;
  spec: Record<string, unknown>;
}

export type Git = (args: string[], cwd: string) => Promise<string>;

const execGit: Git = async (args, cwd) =>
  (
    await promisify(execFile)('git', args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
    })
  ).stdout;

/** The file's versions, oldest first, following renames. */
export async function gitVersions(
  file: string,
  git: Git = execGit,
): Promise<FileVersion[]> {
  const dir = path.dirname(path.resolve(file));
  let root: string;
  try {
    root = (await git(['rev-parse', '--show-toplevel'], dir)).trim();
  } catch {
    throw historyInputError(`${file}: not in a git checkout`);
  }
  const relative = path.relative(root, path.resolve(file));
  // Newest first: git does not follow renames with --reverse.
  const log = await git(
    [
      'log',
      '--follow',
      '--format=%x00%H%x09%cI',
      '--name-only',
      '--',
      relative,
    ],
    root,
  );
  const versions: FileVersion[] = [];
  const records = log.split('\0').filter(r => r.trim() !== '');
  for (const record of records.reverse()) {
    const [head, ...names] = record.split('\n').filter(l => l !== '');
    const [sha, committedAt] = head.split('\t');
    const at = names[names.length - 1] ?? relative;
    let text: string;
    try {
      text = await git(['show', `${sha}:${at}`], root);
    } catch {
      continue; // The commit deleted the file.
    }
    versions.push({ sha, committedAt, path: at, text });
  }
  if (versions.length === 0) {
    throw historyInputError(
      `${file}: git has no history of it (is it committed?)`,
    );
  }
  return versions;
}

interface SloDoc {
  namespace: string;
  name: string;
  spec: Record<string, unknown>;
}

function slosIn(text: string): SloDoc[] | undefined {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some(d => d.errors.length > 0)) {
    return undefined;
  }
  return docs.flatMap(d => {
    const v = d.toJS() as {
      apiVersion?: unknown;
      kind?: unknown;
      metadata?: { name?: unknown; namespace?: unknown };
      spec?: unknown;
    } | null;
    if (
      !v ||
      v.apiVersion !== 'openslo/v1' ||
      v.kind !== 'SLO' ||
      typeof v.metadata?.name !== 'string' ||
      !v.spec ||
      typeof v.spec !== 'object'
    ) {
      return [];
    }
    return [
      {
        namespace:
          typeof v.metadata.namespace === 'string'
            ? v.metadata.namespace
            : 'default',
        name: v.metadata.name,
        spec: v.spec as Record<string, unknown>,
      },
    ];
  });
}

/**
 * The SLO's versions: `slo` (name or namespace/name) or else the one SLO of the file's
 * latest version; only commits that changed its spec; versions git cannot parse are left
 * out and reported in `skipped`.
 */
export function sloVersions(
  versions: FileVersion[],
  slo: string | undefined,
  file: string,
): {
  namespace: string;
  name: string;
  versions: SloVersion[];
  skipped: string[];
} {
  const latest = slosIn(versions[versions.length - 1].text) ?? [];
  let namespace = 'default';
  let name: string;
  if (slo !== undefined) {
    const parts = slo.replace(/^slo:/i, '').split('/');
    if (parts.length > 2 || parts.some(p => p === '')) {
      throw historyInputError(
        `--slo: a name or namespace/name, e.g. default/checkout-availability; got '${slo}'`,
      );
    }
    [namespace, name] = parts.length === 2 ? parts : ['default', parts[0]];
  } else if (latest.length === 1) {
    ({ namespace, name } = latest[0]);
  } else {
    throw historyInputError(
      latest.length === 0
        ? `${file}: its latest version holds no OpenSLO SLO`
        : `${file} holds ${latest.length} SLOs (${latest
            .map(s => s.name)
            .join(', ')}); name one with --slo`,
    );
  }
  const out: SloVersion[] = [];
  const skipped: string[] = [];
  for (const v of versions) {
    const docs = slosIn(v.text);
    if (!docs) {
      skipped.push(`${v.sha.slice(0, 7)}: not valid YAML`);
      continue;
    }
    const doc = docs.find(d => d.name === name && d.namespace === namespace);
    if (!doc) continue;
    const last = out[out.length - 1];
    if (last && JSON.stringify(last.spec) === JSON.stringify(doc.spec)) {
      continue;
    }
    out.push({
      sha: v.sha,
      committedAt: v.committedAt,
      path: v.path,
      spec: doc.spec,
    });
  }
  if (out.length === 0) {
    throw historyInputError(
      `${file}: no version holds the SLO ${namespace}/${name}`,
    );
  }
  return { namespace, name, versions: out, skipped };
}

/** The versions committed before the first delivery, as the import's items. */
export function historyItems(
  versions: SloVersion[],
  firstDelivery: number | undefined,
  commitUrl: string | undefined,
) {
  return versions
    .filter(
      v =>
        firstDelivery === undefined ||
        Date.parse(v.committedAt) < firstDelivery,
    )
    .slice(-MAX_HISTORY)
    .map(v => ({
      effectiveFrom: new Date(v.committedAt).toISOString(),
      spec: v.spec,
      sourceLocation: `${v.path}@${v.sha.slice(0, 7)}`,
      ...(commitUrl ? { sourceUrl: commitUrl.replace('{sha}', v.sha) } : {}),
    }));
}
