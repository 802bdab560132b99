// vitest global setup of the team tests: the Node bundles (as for the other suites), then a
// throwaway PostgreSQL cluster, handed to the tests with `inject('pg')`. Without PostgreSQL the run
// fails with how to install it (scripts/test-all.sh skips this suite locally, with a printed reason).
import type { TestProject } from 'vitest/node';
import buildBundles from '../global-setup.ts';
import { createCluster, destroyCluster, findPostgres, type PgCluster } from './pg-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pg: PgCluster;
  }
}

/** Starts the cluster; returns its teardown. */
export default async function setup(project: TestProject): Promise<() => void> {
  buildBundles();
  const bin = findPostgres();
  if (bin === null) throw new Error('PostgreSQL is not installed: apt-get install postgresql (or set PG_BIN to its bin folder). The team tests need a real server.');
  const cluster = await createCluster(bin);
  project.provide('pg', cluster);
  return () => destroyCluster(cluster);
}
